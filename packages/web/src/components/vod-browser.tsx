/**
 * Movies and series: continue watching (from this device), posters by category, and the
 * player. Series open their episodes; positions are saved as the viewer watches.
 */
import { ApiProblem } from "@nevewatch/sdk";
import { createResource, createSignal, For, Show } from "solid-js";
import { useI18n } from "../i18n/i18n.tsx";
import { currentProfile } from "../lib/profile.ts";
import { useSession } from "../lib/session.tsx";
import { settle } from "../lib/settle.ts";
import { useStore } from "../lib/store-context.tsx";
import { Player } from "../viewer/player.tsx";
import { type ContinueEntry, continueWatching, saveProgress } from "../viewer/profile-lists.ts";
import { createPlayback } from "../viewer/use-playback.ts";
import { ProblemMessage, problemKey } from "./problem-message.tsx";

interface Item {
  id: string;
  name: string;
  logo: string | null;
  type: string;
}

export function VodBrowser(props: { kind: "movie" | "series" }) {
  const { t } = useI18n();
  const { api } = useSession();
  const store = useStore();
  const profileId = () => currentProfile(store()?.slug ?? null)?.id ?? null;
  const [positions, setPositions] = createSignal<ContinueEntry[]>([]);
  const [series, setSeries] = createSignal<Item | null>(null);
  const [playing, setPlaying] = createSignal<Item | null>(null);
  const [loadError, setLoadError] = createSignal<unknown>(null);
  const [items] = createResource(
    () => ({ type: series() ? ("episode" as const) : props.kind, seriesId: series()?.id }),
    (query) => settle(() => loadItems(query), setLoadError, [] as Item[]),
  );
  async function loadItems(query: { type: "episode" | "movie" | "series"; seriesId: string | undefined }) {
    const id = profileId();
    const started = id ? await continueWatching(api, id).catch(() => []) : [];
    setPositions(started.filter((p) => p.type === (props.kind === "movie" ? "movie" : "episode")));
    const page = await api.GET("/v1/me/catalog/items", {
      params: {
        query: { type: query.type, limit: 200, ...(query.seriesId ? { seriesId: query.seriesId } : {}) },
      },
    });
    return page.items as Item[];
  }
  const playback = createPlayback(api);
  const start = (item: Item) => {
    if (item.type === "series") {
      setSeries(item);
      return;
    }
    setPlaying(item);
    void playback.play(item.type === "movie" ? "vod" : "series", item.id);
  };
  const resumeAt = () => positions().find((p) => p.id === playing()?.id)?.position ?? 0;
  const error = () => {
    const e = playback.error();
    if (!e) return null;
    const { key, code } = problemKey(new ApiProblem(0, { code: e.code }));
    return { code, message: t(key, { code }) };
  };

  return (
    <div class="page stack">
      <div class="row">
        <h1>{series()?.name ?? (props.kind === "movie" ? t("vod.title") : t("series.title"))}</h1>
        <Show when={series()}>
          <button type="button" class="btn btn-small" onClick={() => setSeries(null)}>
            {t("common.back")}
          </button>
        </Show>
      </div>
      <Show when={playing()}>
        {(item) => (
          <Player
            source={playback.source()}
            title={item().name}
            loading={playback.loading()}
            error={error()}
            startAt={resumeAt()}
            onRetry={() => start(item())}
            onPlaybackError={(code) => playback.fail(code)}
            onProgress={(position, duration) => {
              const id = profileId();
              if (id) void saveProgress(api, id, item().id, position, duration);
            }}
            labels={{
              channelUp: t("player.channelUp"),
              channelDown: t("player.channelDown"),
              fullscreen: t("player.fullscreen"),
              audio: t("player.audio"),
              subtitles: t("player.subtitles"),
              off: t("player.off"),
              loading: t("player.loading"),
              retry: t("player.retry"),
            }}
          />
        )}
      </Show>
      <Show when={!series() && positions().length > 0}>
        <section class="stack" aria-labelledby="continue">
          <h2 id="continue">{t("vod.continue")}</h2>
          <ul class="posters">
            <For each={positions()}>
              {(p) => (
                <li>
                  <button
                    type="button"
                    class="poster"
                    onClick={() => start({ id: p.id, name: p.name, logo: p.logo, type: p.type })}
                  >
                    <Show when={p.logo} fallback={<span class="poster-blank" aria-hidden="true" />}>
                      {(src) => <img src={src()} alt="" loading="lazy" />}
                    </Show>
                    <span>{p.name}</span>
                    <span class="poster-progress">
                      <div
                        style={{ width: `${p.duration ? Math.round((p.position / p.duration) * 100) : 0}%` }}
                      />
                    </span>
                  </button>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
      <Show when={loadError()}>{(e) => <ProblemMessage error={e()} />}</Show>
      <Show when={!items.loading} fallback={<p class="muted">{t("common.loading")}</p>}>
        <Show when={(items() ?? []).length > 0} fallback={<p class="muted">{t("vod.empty")}</p>}>
          <ul class="posters">
            <For each={items()}>
              {(item) => (
                <li>
                  <button type="button" class="poster" onClick={() => start(item)}>
                    <Show when={item.logo} fallback={<span class="poster-blank" aria-hidden="true" />}>
                      {(src) => <img src={src()} alt="" loading="lazy" />}
                    </Show>
                    <span>{item.name}</span>
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </div>
  );
}
