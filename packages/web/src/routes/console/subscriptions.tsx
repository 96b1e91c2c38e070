/**
 * Subscriptions of the store: extend, suspend, resume or revoke a viewer's plan by hand.
 */
import { createResource, Show } from "solid-js";
import { DataTable, StatusBadge } from "../../components/data-table.tsx";
import { SectionPage } from "../../components/section-page.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import { createAction } from "../../lib/use-action.ts";

type Verb = "extend" | "suspend" | "resume" | "revoke";

export default function Subscriptions() {
  const { t, formatDate } = useI18n();
  const { api } = useSession();
  const [subscriptions, { refetch }] = createResource(() => api.GET("/v1/subscriptions"));
  const [users] = createResource(() => api.GET("/v1/users/"));
  const [plans] = createResource(() => api.GET("/v1/plans"));
  const action = createAction();
  const email = (id: string) => users()?.items.find((u) => u.id === id)?.email ?? id;
  const plan = (id: string) => plans()?.items.find((p) => p.id === id)?.name ?? id;
  const act = (id: string, verb: Verb) =>
    action.run(async () => {
      const path = { params: { path: { id } } };
      if (verb === "extend") await api.POST("/v1/subscriptions/{id}/extend", { ...path, body: { days: 30 } });
      else if (verb === "suspend") await api.POST("/v1/subscriptions/{id}/suspend", { ...path, body: {} });
      else if (verb === "resume") await api.POST("/v1/subscriptions/{id}/resume", { ...path, body: {} });
      else await api.POST("/v1/subscriptions/{id}/revoke", { ...path, body: {} });
      await refetch();
    });
  return (
    <SectionPage title={t("console.subscriptions")} error={action.error()}>
      <DataTable
        rows={subscriptions()?.items}
        caption={t("console.subscriptions")}
        columns={[
          { header: t("c.email"), cell: (s) => email(s.viewerId) },
          { header: t("account.plan"), cell: (s) => plan(s.planId) },
          { header: t("console.status"), cell: (s) => <StatusBadge status={s.status} /> },
          { header: t("c.ends"), cell: (s) => formatDate(s.endsAt) },
          {
            header: t("console.actions"),
            cell: (s) => (
              <Show when={s.current}>
                <div class="row">
                  <button type="button" class="btn btn-small" onClick={() => act(s.id, "extend")}>
                    {t("c.extend30")}
                  </button>
                  <Show
                    when={s.status === "suspended"}
                    fallback={
                      <button type="button" class="btn btn-small" onClick={() => act(s.id, "suspend")}>
                        {t("c.suspend")}
                      </button>
                    }
                  >
                    <button type="button" class="btn btn-small" onClick={() => act(s.id, "resume")}>
                      {t("c.resume")}
                    </button>
                  </Show>
                  <button type="button" class="btn btn-small btn-danger" onClick={() => act(s.id, "revoke")}>
                    {t("c.revoke")}
                  </button>
                </div>
              </Show>
            ),
          },
        ]}
      />
    </SectionPage>
  );
}
