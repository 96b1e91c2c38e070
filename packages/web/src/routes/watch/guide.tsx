/**
 * TV guide: now/next per channel and a scrollable timeline grid (6 hours from the last half
 * hour), from the store's imported XMLTV guide.
 */
import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { ProblemMessage } from "../../components/problem-message.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import { settle } from "../../lib/settle.ts";

const HOUR_PX = 240;
const HOURS = 6;

export default function Guide() {
  const { t, formatTime } = useI18n();
  const { api } = useSession();
  const navigate = useNavigate();
  const from = new Date(Math.floor(Date.now() / 1_800_000) * 1_800_000);
  const to = new Date(from.getTime() + HOURS * 3_600_000);
  const [loadError, setLoadError] = createSignal<unknown>(null);
  const [data] = createResource(() => settle(loadGuide, setLoadError, []));
  async function loadGuide() {
    const [channels, guide] = await Promise.all([
      api.GET("/v1/me/catalog/items", { params: { query: { type: "live", limit: 500 } } }),
      api.GET("/v1/me/epg/grid", { params: { query: { from: from.toISOString(), to: to.toISOString() } } }),
    ]);
    const byChannel = new Map(guide.items.map((g) => [g.channelId, g.programmes]));
    return channels.items.map((c) => ({ ...c, programmes: byChannel.get(c.id) ?? [] }));
  }
  const x = (iso: string) => Math.max(0, ((new Date(iso).getTime() - from.getTime()) / 3_600_000) * HOUR_PX);
  const width = (start: string, stop: string) => Math.max(24, x(stop) - x(start) - 2);
  const now = Date.now();
  const hours = Array.from({ length: HOURS * 2 }, (_, i) => new Date(from.getTime() + i * 1_800_000));

  return (
    <div class="page stack">
      <h1>{t("guide.title")}</h1>
      <Show when={loadError()}>{(e) => <ProblemMessage error={e()} />}</Show>
      <Show when={data()} fallback={<p class="muted">{t("common.loading")}</p>}>
        {(rows) => (
          <div class="guide">
            <div class="guide-row guide-hours">
              <div class="guide-channel" />
              <div class="guide-track" style={{ width: `${HOURS * HOUR_PX}px` }}>
                <For each={hours}>
                  {(h) => (
                    <span
                      class="guide-event"
                      style={{
                        left: `${x(h.toISOString())}px`,
                        width: `${HOUR_PX / 2 - 2}px`,
                        background: "none",
                        border: 0,
                      }}
                    >
                      {formatTime(h)}
                    </span>
                  )}
                </For>
              </div>
            </div>
            <For each={rows()}>
              {(channel) => (
                <div class="guide-row">
                  <button
                    type="button"
                    class="guide-channel btn-ghost"
                    onClick={() => navigate(`/watch/live?play=${channel.id}`)}
                  >
                    <span class="channel-number">{channel.number ?? ""}</span>
                    <span class="channel-name">{channel.name}</span>
                  </button>
                  <div class="guide-track" style={{ width: `${HOURS * HOUR_PX}px` }}>
                    <span
                      class="guide-now"
                      style={{ left: `${x(new Date(now).toISOString())}px` }}
                      aria-hidden="true"
                    />
                    <Show
                      when={channel.programmes.length > 0}
                      fallback={
                        <span
                          class="guide-event muted"
                          style={{ left: "0", width: `${HOURS * HOUR_PX - 8}px` }}
                        >
                          {t("guide.noData")}
                        </span>
                      }
                    >
                      <For each={channel.programmes}>
                        {(p) => (
                          <button
                            type="button"
                            class="guide-event"
                            classList={{
                              now: new Date(p.start).getTime() <= now && now < new Date(p.stop).getTime(),
                            }}
                            style={{ left: `${x(p.start)}px`, width: `${width(p.start, p.stop)}px` }}
                            title={`${formatTime(p.start)}–${formatTime(p.stop)} ${p.title}`}
                            onClick={() => navigate(`/watch/live?play=${channel.id}`)}
                          >
                            <strong>{p.title}</strong> <span class="muted">{formatTime(p.start)}</span>
                          </button>
                        )}
                      </For>
                    </Show>
                  </div>
                </div>
              )}
            </For>
          </div>
        )}
      </Show>
    </div>
  );
}
