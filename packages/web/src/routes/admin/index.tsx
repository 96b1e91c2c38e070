/**
 * Platform admin: every store with its status.
 */
import { createResource } from "solid-js";
import { DataTable, StatusBadge } from "../../components/data-table.tsx";
import { FormCard } from "../../components/form-card.tsx";
import { SectionPage } from "../../components/section-page.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import { createAction } from "../../lib/use-action.ts";

export default function Stores() {
  const { t, formatDate } = useI18n();
  const { api } = useSession();
  const [stores, { refetch }] = createResource(() => api.GET("/v1/stores/"));
  const action = createAction();
  const setStatus = (id: string, suspend: boolean) =>
    action.run(async () => {
      if (suspend)
        await api.POST("/v1/stores/{id}/suspend", {
          params: { path: { id } },
          body: { reason: "Suspended by the platform" },
        });
      else await api.POST("/v1/stores/{id}/activate", { params: { path: { id } } });
      await refetch();
    });
  return (
    <SectionPage title={t("admin.stores")} error={action.error()}>
      <DataTable
        rows={stores()?.items}
        caption={t("admin.stores")}
        columns={[
          { header: t("console.name"), cell: (s) => s.name },
          { header: t("c.slug"), cell: (s) => <code>{s.slug}</code> },
          { header: t("console.status"), cell: (s) => <StatusBadge status={s.status} /> },
          { header: t("console.created"), cell: (s) => formatDate(s.createdAt) },
          {
            header: t("console.actions"),
            cell: (s) => (
              <button
                type="button"
                class="btn btn-small"
                onClick={() => setStatus(s.id, s.status === "active")}
              >
                {s.status === "active" ? t("c.suspend") : t("c.activate")}
              </button>
            ),
          },
        ]}
      />
      <FormCard
        title={t("c.newStore")}
        label={t("c.newStore")}
        submit={t("console.create")}
        busy={action.busy()}
        onSubmit={(f) => {
          const email = String(f.get("email") ?? "").trim();
          void action.run(async () => {
            await api.POST("/v1/stores/", {
              body: {
                name: String(f.get("name")),
                slug: String(f.get("slug")),
                ...(email ? { owner: { email, password: String(f.get("password")) } } : {}),
              },
            });
            await refetch();
          });
        }}
      >
        <div class="row">
          <label>
            {t("console.name")}
            <input name="name" required maxLength={120} />
          </label>
          <label>
            {t("c.slug")}
            <input name="slug" required pattern="[a-z0-9][a-z0-9\-]{1,38}[a-z0-9]" placeholder="acme" />
          </label>
        </div>
        <div class="row">
          <label>
            {t("c.ownerEmail")}
            <input name="email" type="email" autocomplete="off" />
          </label>
          <label>
            {t("auth.password")}
            <input name="password" type="password" minLength={10} autocomplete="new-password" />
          </label>
        </div>
      </FormCard>
    </SectionPage>
  );
}
