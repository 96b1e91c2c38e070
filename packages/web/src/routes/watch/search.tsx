/**
 * Search across what the viewer's plan includes: channels, movies, series and programmes.
 */
import { A, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, type JSX, onCleanup, Show } from "solid-js";
import { ProblemMessage } from "../../components/problem-message.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import { settle } from "../../lib/settle.ts";

function Group(props: { title: string; count: number; children: JSX.Element }) {
  return (
    <Show when={props.count > 0}>
      <section class="stack">
        <h2>{props.title}</h2>
        <ul class="stack plain-list">{props.children}</ul>
      </section>
    </Show>
  );
}

export default function Search() {
  const { t, formatTime } = useI18n();
  const { api } = useSession();
  const [params, setParams] = useSearchParams();
  const [error, setError] = createSignal<unknown>(null);
  const query = () => (typeof params.q === "string" ? params.q.trim() : "");
  const [results] = createResource(
    () => (query().length >= 2 ? query() : null),
    (q) => settle(() => api.GET("/v1/me/search", { params: { query: { q } } }), setError, null),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const total = () => {
    const r = results();
    return r ? r.channels.length + r.movies.length + r.series.length + r.programmes.length : 0;
  };
  const channelName = (id: string) => results()?.channels.find((c) => c.id === id)?.name ?? "";

  return (
    <div class="page stack">
      <h1>{t("search.title")}</h1>
      <input
        type="search"
        aria-label={t("search.title")}
        placeholder={t("search.placeholder")}
        value={query()}
        onInput={(e) => {
          const value = e.currentTarget.value;
          clearTimeout(timer);
          timer = setTimeout(() => setParams({ q: value || undefined }, { replace: true }), 250);
        }}
      />
      <Show when={error()}>{(e) => <ProblemMessage error={e()} />}</Show>
      <Show when={results() && total() === 0}>
        <p class="muted">{t("search.none")}</p>
      </Show>
      <Show when={results()}>
        {(r) => (
          <>
            <Group title={t("nav.live")} count={r().channels.length}>
              <For each={r().channels}>
                {(c) => (
                  <li>
                    <A href={`/watch/live?play=${c.id}`}>
                      {c.number ?? ""} {c.name}
                    </A>
                  </li>
                )}
              </For>
            </Group>
            <Group title={t("search.programmes")} count={r().programmes.length}>
              <For each={r().programmes}>
                {(p) => (
                  <li>
                    <A href={`/watch/live?play=${p.channelId}`}>{p.programme.title}</A>{" "}
                    <span class="muted">
                      {formatTime(p.programme.start)} {channelName(p.channelId)}
                    </span>
                  </li>
                )}
              </For>
            </Group>
            <Group title={t("nav.movies")} count={r().movies.length}>
              <For each={r().movies}>{(m) => <li>{m.name}</li>}</For>
            </Group>
            <Group title={t("nav.series")} count={r().series.length}>
              <For each={r().series}>{(s) => <li>{s.name}</li>}</For>
            </Group>
          </>
        )}
      </Show>
    </div>
  );
}
