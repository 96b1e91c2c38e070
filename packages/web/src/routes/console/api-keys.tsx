/**
 * API keys of the store for integrations (billing, automation): the key is shown once.
 */
import { PERMISSIONS, type Permission } from "@nevewatch/sdk";
import { createResource, createSignal, For, Show } from "solid-js";
import { CopyField } from "../../components/copy-field.tsx";
import { DataTable, StatusBadge } from "../../components/data-table.tsx";
import { FormCard } from "../../components/form-card.tsx";
import { SectionPage } from "../../components/section-page.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { labelOf } from "../../i18n/label.ts";
import { useSession } from "../../lib/session.tsx";
import { createAction } from "../../lib/use-action.ts";

export default function ApiKeys() {
  const { t, formatDateTime } = useI18n();
  const { api } = useSession();
  const [keys, { refetch }] = createResource(() => api.GET("/v1/api-keys/"));
  const [created, setCreated] = createSignal<{ name: string; key: string } | null>(null);
  const action = createAction();
  return (
    <SectionPage title={t("c.apiKeys")} error={action.error()}>
      <Show when={created()}>
        {(made) => (
          <div class="ok-box stack" role="status">
            <strong>{t("c.keyOnce", { name: made().name })}</strong>
            <CopyField label={t("c.key")} value={made().key} />
          </div>
        )}
      </Show>
      <DataTable
        rows={keys()}
        columns={[
          { header: t("console.name"), cell: (k) => k.name },
          { header: t("c.prefix"), cell: (k) => <code>{k.prefix}…</code> },
          {
            header: t("c.permissions"),
            cell: (k) => k.permissions.map((p) => labelOf(t, "perm", p)).join(", ") || "—",
          },
          {
            header: t("console.status"),
            cell: (k) => <StatusBadge status={k.revokedAt ? "revoked" : "active"} />,
          },
          { header: t("c.lastUsed"), cell: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "—") },
          {
            header: t("console.actions"),
            cell: (k) => (
              <Show when={!k.revokedAt}>
                <button
                  type="button"
                  class="btn btn-small btn-danger"
                  onClick={() =>
                    action.run(async () => {
                      await api.DELETE("/v1/api-keys/{id}", { params: { path: { id: k.id } } });
                      await refetch();
                    })
                  }
                >
                  {t("c.revoke")}
                </button>
              </Show>
            ),
          },
        ]}
      />
      <FormCard
        title={t("c.newKey")}
        label={t("c.newKey")}
        submit={t("console.create")}
        busy={action.busy()}
        onSubmit={(f) => {
          const permissions = f.getAll("permissions").map(String) as Permission[];
          const name = String(f.get("name"));
          void action.run(async () => {
            const made = await api.POST("/v1/api-keys/", { body: { name, permissions } });
            setCreated({ name, key: made.key });
            await refetch();
          });
        }}
      >
        <label>
          {t("console.name")}
          <input name="name" required maxLength={80} />
        </label>
        <fieldset class="row">
          <legend>{t("c.permissions")}</legend>
          <For each={PERMISSIONS}>
            {(permission) => (
              <label class="row">
                <input type="checkbox" name="permissions" value={permission} />{" "}
                {labelOf(t, "perm", permission)}
              </label>
            )}
          </For>
        </fieldset>
      </FormCard>
    </SectionPage>
  );
}
