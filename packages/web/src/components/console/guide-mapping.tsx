/**
 * The guide: XMLTV sources (add, import with live progress) and which guide channel each live
 * channel shows, with a manual override per channel (the item's `epgId`).
 */
import { createResource, createSignal, Show } from "solid-js";
import { useI18n } from "../../i18n/i18n.tsx";
import { labelOf } from "../../i18n/label.ts";
import { useSession } from "../../lib/session.tsx";
import { createAction } from "../../lib/use-action.ts";
import { DataTable } from "../data-table.tsx";
import type { ImportRecord } from "../import-progress.tsx";
import { InlineForm } from "../inline-form.tsx";
import { ProblemMessage } from "../problem-message.tsx";
import { RunningImports } from "../running-imports.tsx";

export function GuideMapping(props: {
  channels: { id: string; name: string; number: unknown; epgId: string | null }[];
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const [sources, { refetch }] = createResource(() => api.GET("/v1/epg/sources"));
  const [matches, { refetch: refetchMatches }] = createResource(() => api.GET("/v1/epg/matches"));
  const [running, setRunning] = createSignal<ImportRecord[]>([]);
  const action = createAction();
  const matchOf = (id: string) => matches()?.items.find((m) => m.channelId === id);
  const live = () => props.channels;

  return (
    <section class="stack" aria-labelledby="guide-title">
      <h2 id="guide-title">{t("nav.guide")}</h2>
      <Show when={action.error()}>{(e) => <ProblemMessage error={e()} />}</Show>
      <RunningImports
        imports={running()}
        label={(record) => sources()?.items.find((s) => s.id === record.sourceId)?.name ?? t("nav.guide")}
        onDone={() => {
          void refetch();
          void refetchMatches();
        }}
      />
      <DataTable
        rows={sources()?.items}
        columns={[
          { header: t("console.name"), cell: (s) => s.name },
          { header: "URL", cell: (s) => <code>{s.url}</code> },
          {
            header: t("console.actions"),
            cell: (s) => (
              <button
                type="button"
                class="btn btn-small"
                onClick={() =>
                  action.run(async () => {
                    const started = await api.POST("/v1/epg/sources/{id}/import", {
                      params: { path: { id: s.id } },
                    });
                    setRunning([started, ...running()]);
                  })
                }
              >
                {t("c.importNow")}
              </button>
            ),
          },
        ]}
      />
      <InlineForm
        submit={t("console.add")}
        onSubmit={(f) =>
          void action.run(async () => {
            const made = await api.POST("/v1/epg/sources", {
              body: { name: String(f.get("name")), url: String(f.get("url")) },
            });
            await refetch();
            const started = await api.POST("/v1/epg/sources/{id}/import", {
              params: { path: { id: made.id } },
            });
            setRunning([started, ...running()]);
          })
        }
      >
        <label>
          {t("console.name")}
          <input name="name" required maxLength={100} />
        </label>
        <label>
          {t("c.xmltvUrl")}
          <input name="url" type="url" required placeholder="http://" />
        </label>
      </InlineForm>
      <h3>{t("c.mapping")}</h3>
      <DataTable
        rows={live()}
        columns={[
          { header: "#", cell: (c) => String(c.number ?? "") },
          { header: t("console.name"), cell: (c) => c.name },
          { header: t("c.guideChannel"), cell: (c) => matchOf(c.id)?.guideKey ?? "—" },
          {
            header: t("c.matchedBy"),
            cell: (c) => {
              const by = matchOf(c.id)?.matchedBy;
              return by ? labelOf(t, "match", by) : t("c.unmatched");
            },
          },
          {
            header: t("c.override"),
            cell: (c) => (
              <input
                aria-label={t("c.overrideFor", { name: c.name })}
                value={c.epgId ?? ""}
                placeholder="channel.id"
                onChange={(e) => {
                  const epgId = e.currentTarget.value.trim() || null;
                  void action.run(async () => {
                    await api.PATCH("/v1/catalog/items/{id}", {
                      params: { path: { id: c.id } },
                      body: { epgId },
                    });
                    await refetchMatches();
                  });
                }}
              />
            ),
          },
        ]}
      />
    </section>
  );
}
