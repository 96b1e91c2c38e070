/**
 * Providers (M3U or Xtream Codes) with their accounts, and catalog imports with live progress.
 */
import { createResource, createSignal, For, Show } from "solid-js";
import { ProviderAccounts } from "../../components/console/provider-accounts.tsx";
import { DataTable, StatusBadge } from "../../components/data-table.tsx";
import { FormCard } from "../../components/form-card.tsx";
import type { ImportRecord } from "../../components/import-progress.tsx";
import { RunningImports } from "../../components/running-imports.tsx";
import { SectionPage } from "../../components/section-page.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { labelOf } from "../../i18n/label.ts";
import { useSession } from "../../lib/session.tsx";
import { createAction } from "../../lib/use-action.ts";

export default function Providers() {
  const { t, formatDateTime } = useI18n();
  const { api } = useSession();
  const [providers, { refetch }] = createResource(() => api.GET("/v1/providers"));
  const [imports, { refetch: refetchImports }] = createResource(() => api.GET("/v1/catalog/imports"));
  const [running, setRunning] = createSignal<ImportRecord[]>([]);
  const [kind, setKind] = createSignal<"m3u" | "xtream">("m3u");
  const action = createAction();

  const startImport = (providerId: string) =>
    action.run(async () => {
      const started = await api.POST("/v1/catalog/imports", { body: { providerId } });
      setRunning([started as ImportRecord, ...running()]);
      await refetchImports();
    });

  return (
    <SectionPage title={t("console.providers")} error={action.error()}>
      <RunningImports
        imports={running()}
        label={(record) =>
          providers()?.items.find((p) => p.id === record.sourceId)?.name ?? t("console.imports")
        }
        onDone={() => {
          void refetch();
          void refetchImports();
        }}
      />
      <DataTable
        rows={providers()?.items}
        caption={t("console.providers")}
        columns={[
          { header: t("console.name"), cell: (p) => p.name },
          { header: t("c.kind"), cell: (p) => labelOf(t, "kind", p.kind) },
          { header: t("c.accounts"), cell: (p) => String(p.accounts.length) },
          {
            header: t("console.status"),
            cell: (p) => <StatusBadge status={p.enabled ? "active" : "disabled"} />,
          },
          { header: t("c.lastImport"), cell: (p) => (p.lastImportAt ? formatDateTime(p.lastImportAt) : "—") },
          {
            header: t("console.actions"),
            cell: (p) => (
              <button
                type="button"
                class="btn btn-small"
                onClick={() => startImport(p.id)}
                disabled={action.busy()}
              >
                {t("c.importNow")}
              </button>
            ),
          },
        ]}
      />
      <For each={providers()?.items ?? []}>
        {(provider) => <ProviderAccounts provider={provider} onChange={() => void refetch()} />}
      </For>
      <FormCard
        title={t("c.addProvider")}
        label={t("c.addProvider")}
        submit={t("console.add")}
        busy={action.busy()}
        onSubmit={async (data, form) => {
          const value = (name: string) => String(data.get(name) ?? "").trim();
          const ok = await action.run(async () => {
            const created = await api.POST("/v1/providers", {
              body:
                kind() === "m3u"
                  ? { name: value("name"), kind: "m3u", accounts: [{ url: value("url") }] }
                  : {
                      name: value("name"),
                      kind: "xtream",
                      baseUrl: value("url"),
                      accounts: [{ username: value("username"), password: value("password") }],
                    },
            });
            await refetch();
            if (data.get("import") === "on") await startImport((created as { id: string }).id);
          });
          if (ok) form.reset();
        }}
      >
        <div class="row">
          <label>
            {t("console.name")}
            <input name="name" required maxLength={100} />
          </label>
          <label>
            {t("c.kind")}
            <select
              name="kind"
              value={kind()}
              onChange={(e) => setKind(e.currentTarget.value as "m3u" | "xtream")}
            >
              <option value="m3u">{t("kind.m3u")}</option>
              <option value="xtream">{t("kind.xtream")}</option>
            </select>
          </label>
        </div>
        <label>
          {kind() === "m3u" ? t("c.playlistUrl") : t("c.serverUrl")}
          <input name="url" type="url" required placeholder="http://" />
        </label>
        <Show when={kind() === "xtream"}>
          <div class="row">
            <label>
              {t("c.username")}
              <input name="username" required autocomplete="off" />
            </label>
            <label>
              {t("c.password")}
              <input name="password" required type="password" autocomplete="off" />
            </label>
          </div>
        </Show>
        <label class="row">
          <input type="checkbox" name="import" checked /> {t("c.importOnAdd")}
        </label>
      </FormCard>
      <h2>{t("console.imports")}</h2>
      <DataTable
        rows={imports()?.items}
        caption={t("console.imports")}
        columns={[
          { header: t("c.kind"), cell: (i) => labelOf(t, "importKind", i.kind) },
          {
            header: t("c.source"),
            cell: (i) =>
              providers()?.items.find((p) => p.id === i.sourceId)?.name ??
              (i.kind === "epg" ? t("nav.guide") : "—"),
          },
          { header: t("console.status"), cell: (i) => <StatusBadge status={i.status} /> },
          { header: "%", cell: (i) => String(Number(i.percent)) },
          {
            header: t("c.items"),
            cell: (i) =>
              t("c.newUpdated", {
                inserted: Number(i.counts.inserted),
                updated: Number(i.counts.updated),
                missing: Number(i.counts.missing),
              }),
          },
          { header: t("console.created"), cell: (i) => formatDateTime(i.createdAt) },
        ]}
      />
    </SectionPage>
  );
}
