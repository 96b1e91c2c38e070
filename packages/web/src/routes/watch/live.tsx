/**
 * Live TV: categories, the numbered channel list with favorites and search, and the player
 * with channel up/down. The list comes from the API a page at a time (`channel-pages.ts`):
 * the first page shows at once, the next as the viewer scrolls to the end; search and category
 * go to the API. Now/next comes from the guide when the API has one.
 */

import { ApiProblem } from "@nevewatch/sdk";
import { A, useSearchParams } from "@solidjs/router";
import { createEffect, createResource, createSignal, For, on, onCleanup, onMount, Show } from "solid-js";
import { ProblemMessage, problemKey } from "../../components/problem-message.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { currentProfile } from "../../lib/profile.ts";
import { useSession } from "../../lib/session.tsx";
import { settle } from "../../lib/settle.ts";
import { useStore } from "../../lib/store-context.tsx";
import { type ChannelEntry, ChannelList } from "../../viewer/channel-list.tsx";
import { catalogPages, createChannelPages, stepIn, toEntry } from "../../viewer/channel-pages.ts";
import { NowNext } from "../../viewer/now-next.tsx";
import { Player } from "../../viewer/player.tsx";
import { createFavorites, saveProgress } from "../../viewer/profile-lists.ts";
import { createPlayback } from "../../viewer/use-playback.ts";

const FAVORITES = "__favorites";
const RECENT = "__recent";
/** How long typing pauses before the search goes to the API. */
const SEARCH_DELAY_MS = 250;

export default function LiveTv() {
  const { t, formatTime } = useI18n();
  const { api } = useSession();
  const store = useStore();
  const [params, setParams] = useSearchParams();
  const profile = () => currentProfile(store()?.slug ?? null);
  const favorites = createFavorites(api, () => profile()?.id ?? null);
  const [recent, setRecent] = createSignal<ChannelEntry[]>([]);
  const loadRecent = async () => {
    const id = profile()?.id;
    if (!id) return;
    const list = await api.GET("/v1/me/profiles/{id}/recent", { params: { path: { id } } }).catch(() => null);
    setRecent((list?.items ?? []).filter((r) => r.item.type === "live").map((r) => toEntry(r.item)));
  };
  void loadRecent();
  const [categories] = createResource(() =>
    settle(
      () => api.GET("/v1/me/catalog/categories", { params: { query: { type: "live" } } }),
      () => undefined,
      {
        items: [],
      },
    ),
  );
  const category = () => (typeof params.category === "string" ? params.category : "");
  const ownList = () => category() === FAVORITES || category() === RECENT;
  // Favorites and recently watched are the profile's own short lists, kept whole. Signals, not
  // resources: a resource read before it resolves suspends the page (see `nowNext` below).
  const [favoriteList, setFavoriteList] = createSignal<ChannelEntry[] | null>(null);
  createEffect(
    on(
      () => (category() === FAVORITES ? (profile()?.id ?? null) : null),
      (id) => {
        setFavoriteList(null);
        if (!id) return;
        void api
          .GET("/v1/me/profiles/{id}/favorites", { params: { path: { id } } })
          .catch(() => null)
          .then((list) => {
            if (category() !== FAVORITES || profile()?.id !== id) return;
            setFavoriteList(
              (list?.items ?? []).filter((f) => f.item.type === "live").map((f) => toEntry(f.item)),
            );
          });
      },
    ),
  );
  const pages = createChannelPages(catalogPages(api));
  const [search, setSearch] = createSignal("");
  const [query, setQuery] = createSignal("");
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  const typed = (value: string) => {
    setSearch(value);
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => setQuery(value.trim()), SEARCH_DELAY_MS);
  };
  onCleanup(() => clearTimeout(searchTimer));
  // Effects run in the browser only: the server render shows the loading line.
  createEffect(
    on([category, query], ([cat, q]) => {
      if (cat !== FAVORITES && cat !== RECENT) void pages.show({ q, categoryId: cat || null });
    }),
  );
  const visible = (): ChannelEntry[] => {
    if (!ownList()) return pages.entries();
    const q = query().toLowerCase();
    const matches = (c: ChannelEntry) =>
      !q || c.name.toLowerCase().includes(q) || String(c.number ?? "") === q;
    // Recently watched: most recent first, as the API lists them.
    const list = category() === RECENT ? recent() : (favoriteList() ?? []).filter((c) => favorites.has(c.id));
    return list.filter(matches);
  };
  const listLoading = () =>
    ownList()
      ? category() === FAVORITES && Boolean(profile()) && favoriteList() === null
      : !pages.complete() && pages.entries().length === 0 && !pages.error();
  const loadError = () => (ownList() ? null : pages.error());
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
  const [playing, setPlaying] = createSignal<ChannelEntry | null>(null);
  /** Plays a channel and records it as recently watched on this profile. */
  const playLive = async (id: string, entry: ChannelEntry | null) => {
    setPlaying(entry);
    await playback.play("live", id);
    const profileId = profile()?.id;
    if (profileId && !playback.error()) {
      await saveProgress(api, profileId, id, 0, 0);
      void loadRecent();
    }
  };
  // `?play=<id>` (from the guide or search) starts that channel, wherever it is in the list.
  createEffect(() => {
    const id = typeof params.play === "string" ? params.play : null;
    if (!id) return;
    setParams({ play: undefined }, { replace: true });
    if (playback.currentId() !== id) void pages.entry(id).then((entry) => playLive(id, entry));
  });
  const current = () => {
    const id = playback.currentId();
    const shown = playing();
    return shown?.id === id ? shown : null;
  };
  /** Channel up/down: through the list as shown, across pages not loaded yet. */
  const step = async (delta: 1 | -1) => {
    const id = playback.currentId();
    const next = ownList() ? stepIn(visible(), id, delta) : await pages.neighbour(id, delta);
    if (next) void playLive(next.id, next);
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
          onInput={(e) => typed(e.currentTarget.value)}
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
          when={!listLoading() && !loadError()}
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
            onPlay={(c) => void playLive(c.id, c)}
            onToggleFavorite={(c) => void favorites.toggle(c.id)}
            labels={{
              addFavorite: (name) => t("live.addFavorite", { name }),
              removeFavorite: (name) => t("live.removeFavorite", { name }),
              empty: t("live.noChannels"),
            }}
          />
          <Show when={!ownList() && pages.entries().length > 0 && !pages.complete()}>
            <MoreWhenSeen
              load={pages.more}
              failed={() => pages.error() !== null}
              label={t("common.loading")}
            />
          </Show>
        </Show>
      </section>
      <section class="live-player">
        <Player
          source={playback.source()}
          title={current() ? `${current()?.number ?? ""} ${current()?.name ?? ""}`.trim() : t("live.title")}
          loading={playback.loading()}
          error={errorMessage()}
          onChannelUp={() => void step(1)}
          onChannelDown={() => void step(-1)}
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

/** The end of the list: loads the next page when it comes into sight. */
function MoreWhenSeen(props: { load: () => Promise<void>; failed: () => boolean; label: string }) {
  let end: HTMLParagraphElement | undefined;
  let observer: IntersectionObserver | undefined;
  onMount(() => {
    const target = end;
    if (!target) return;
    observer = new IntersectionObserver(async (records) => {
      if (!records.some((r) => r.isIntersecting)) return;
      await props.load();
      if (props.failed()) return;
      // Observing again reports whether the end is still in sight (a tall window, a short page).
      observer?.unobserve(target);
      observer?.observe(target);
    });
    observer.observe(target);
  });
  onCleanup(() => observer?.disconnect());
  return (
    <p class="muted" ref={end}>
      {props.label}
    </p>
  );
}
