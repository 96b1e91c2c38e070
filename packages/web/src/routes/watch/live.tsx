/**
 * Live TV: categories, the numbered channel list with favorites and search, and the player
 * with channel up/down. Now/next comes from the guide when the API has one.
 */

import { ApiProblem } from "@nevewatch/sdk";
import { A, useSearchParams } from "@solidjs/router";
import { createEffect, createMemo, createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { ProblemMessage, problemKey } from "../../components/problem-message.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { currentProfile } from "../../lib/profile.ts";
import { useSession } from "../../lib/session.tsx";
import { settle } from "../../lib/settle.ts";
import { useStore } from "../../lib/store-context.tsx";
import { type ChannelEntry, ChannelList } from "../../viewer/channel-list.tsx";
import { NowNext } from "../../viewer/now-next.tsx";
import { Player } from "../../viewer/player.tsx";
import { createFavorites, saveProgress } from "../../viewer/profile-lists.ts";
import { createPlayback } from "../../viewer/use-playback.ts";

const FAVORITES = "__favorites";
const RECENT = "__recent";

export default function LiveTv() {
  const { t, formatTime } = useI18n();
  const { api } = useSession();
  const store = useStore();
  const [params, setParams] = useSearchParams();
  const profile = () => currentProfile(store()?.slug ?? null);
  const favorites = createFavorites(api, () => profile()?.id ?? null);
  const [recent, setRecent] = createSignal<string[]>([]);
  const loadRecent = async () => {
    const id = profile()?.id;
    if (!id) return;
    const list = await api.GET("/v1/me/profiles/{id}/recent", { params: { path: { id } } }).catch(() => null);
    setRecent((list?.items ?? []).filter((r) => r.item.type === "live").map((r) => r.item.id));
  };
  void loadRecent();
  const [loadError, setLoadError] = createSignal<unknown>(null);
  const [categories] = createResource(() =>
    settle(
      () => api.GET("/v1/me/catalog/categories", { params: { query: { type: "live" } } }),
      () => undefined,
      {
        items: [],
      },
    ),
  );
  const [channels] = createResource(() =>
    settle(loadChannels, setLoadError, {
      all: [] as ChannelEntry[],
      categoryOf: new Map<string, string | null>(),
    }),
  );
  async function loadChannels() {
    const all: ChannelEntry[] = [];
    const categoryOf = new Map<string, string | null>();
    let cursor: string | undefined;
    do {
      const page = await api.GET("/v1/me/catalog/items", {
        params: { query: { type: "live", limit: 500, ...(cursor ? { cursor } : {}) } },
      });
      for (const item of page.items) {
        all.push({
          id: item.id,
          name: item.name,
          number: item.number === null ? null : Number(item.number),
          logo: item.logo,
        });
        categoryOf.set(item.id, item.categoryId);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { all, categoryOf };
  }
  const [search, setSearch] = createSignal("");
  const category = () => (typeof params.category === "string" ? params.category : "");
  const visible = createMemo(() => {
    const data = channels();
    if (!data) return [];
    const q = search().trim().toLowerCase();
    const matches = (c: ChannelEntry) =>
      !q || c.name.toLowerCase().includes(q) || String(c.number ?? "") === q;
    if (category() === RECENT) {
      // Most recent first, as the API lists them.
      return recent()
        .flatMap((id) => data.all.filter((c) => c.id === id).slice(0, 1))
        .filter(matches);
    }
    return data.all.filter((c) => {
      if (category() === FAVORITES && !favorites.has(c.id)) return false;
      if (category() && category() !== FAVORITES && data.categoryOf.get(c.id) !== category()) return false;
      return matches(c);
    });
  });
  const [nowNext, { refetch: refetchNowNext }] = createResource(() =>
    settle(
      () => api.GET("/v1/me/epg/now"),
      () => undefined,
      { items: [] },
    ),
  );
  const guideTimer = setInterval(() => void refetchNowNext(), 60_000);
  onCleanup(() => clearInterval(guideTimer));
  // `.latest`, not `nowNext()`: a refetch read through the accessor suspends the page, and
  // Suspense takes the <video> out of the document for that moment, which pauses it (the
  // freeze a minute into every channel). `.latest` keeps the last guide while the next loads.
  const programmesOf = (id: string | null) =>
    nowNext.latest?.items.find((g) => g.channelId === id)?.programmes ?? [];
  const playback = createPlayback(api);
  /** Plays a channel and records it as recently watched on this profile. */
  const playLive = async (id: string) => {
    await playback.play("live", id);
    const profileId = profile()?.id;
    if (profileId && !playback.error()) {
      await saveProgress(api, profileId, id, 0, 0);
      void loadRecent();
    }
  };
  // `?play=<id>` (from the guide) starts that channel once the list is there.
  createEffect(() => {
    const id = typeof params.play === "string" ? params.play : null;
    if (id && channels()?.all.some((c) => c.id === id) && playback.currentId() !== id) {
      void playLive(id);
      setParams({ play: undefined }, { replace: true });
    }
  });
  const current = () => channels()?.all.find((c) => c.id === playback.currentId()) ?? null;
  const step = (delta: number) => {
    const list = visible();
    if (list.length === 0) return;
    const index = list.findIndex((c) => c.id === playback.currentId());
    const next = list[(index + delta + list.length) % list.length];
    if (next) void playLive(next.id);
  };
  const errorMessage = () => {
    const error = playback.error();
    if (!error) return null;
    const { key, code } = problemKey(new ApiProblem(0, { code: error.code }));
    const needsPlan = ["no_subscription", "subscription_expired", "not_in_plan"].includes(code);
    return {
      code,
      message: t(key, { code }),
      ...(needsPlan
        ? {
            action: (
              <A class="btn btn-primary" href="/#plans">
                {t("landing.plans")}
              </A>
            ),
          }
        : code === "screen_limit_reached"
          ? {
              action: (
                <A class="btn btn-primary" href="/watch/account">
                  {t("account.screens")}
                </A>
              ),
            }
          : {}),
    };
  };

  return (
    <div class="live">
      <aside class="live-categories" aria-label={t("live.categories")}>
        <h2 class="sr-only">{t("live.categories")}</h2>
        <nav>
          <button
            type="button"
            aria-pressed={category() === ""}
            onClick={() => setParams({ category: undefined })}
          >
            {t("live.all")}
          </button>
          <button
            type="button"
            aria-pressed={category() === FAVORITES}
            onClick={() => setParams({ category: FAVORITES })}
          >
            ★ {t("live.favorites")}
          </button>
          <button
            type="button"
            aria-pressed={category() === RECENT}
            onClick={() => setParams({ category: RECENT })}
          >
            ↺ {t("live.recent")}
          </button>
          <For each={categories()?.items ?? []}>
            {(c) => (
              <button
                type="button"
                aria-pressed={category() === c.id}
                onClick={() => setParams({ category: c.id })}
              >
                {c.name}
              </button>
            )}
          </For>
        </nav>
      </aside>
      <section class="live-channels" aria-label={t("live.title")}>
        <input
          type="search"
          placeholder={t("live.search")}
          aria-label={t("live.search")}
          value={search()}
          onInput={(e) => setSearch(e.currentTarget.value)}
        />
        <Show when={loadError()}>
          {(e) => (
            <>
              <ProblemMessage error={e()} />
              <A class="btn btn-primary" href="/#plans">
                {t("landing.plans")}
              </A>
            </>
          )}
        </Show>
        <Show
          when={!channels.loading && !loadError()}
          fallback={
            <Show when={!loadError()}>
              <p class="muted">{t("common.loading")}</p>
            </Show>
          }
        >
          <ChannelList
            channels={visible()}
            currentId={playback.currentId()}
            isFavorite={favorites.has}
            onPlay={(c) => void playLive(c.id)}
            onToggleFavorite={(c) => void favorites.toggle(c.id)}
            labels={{
              addFavorite: (name) => t("live.addFavorite", { name }),
              removeFavorite: (name) => t("live.removeFavorite", { name }),
              empty: t("live.noChannels"),
            }}
          />
        </Show>
      </section>
      <section class="live-player">
        <Player
          source={playback.source()}
          title={current() ? `${current()?.number ?? ""} ${current()?.name ?? ""}`.trim() : t("live.title")}
          loading={playback.loading()}
          error={errorMessage()}
          onChannelUp={() => step(1)}
          onChannelDown={() => step(-1)}
          onRetry={
            playback.currentId() ? () => void playback.play("live", playback.currentId() ?? "") : undefined
          }
          onPlaybackError={(code) => playback.fail(code)}
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
        <NowNext
          programmes={programmesOf(playback.currentId() ?? visible()[0]?.id ?? null)}
          labels={{ now: t("live.now"), next: t("live.next") }}
          formatTime={formatTime}
        />
      </section>
    </div>
  );
}
