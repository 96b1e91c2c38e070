/**
 * Viewers and staff of the store, with manual plan grants for viewers.
 */
import { createMemo, createResource, For, Show } from "solid-js";
import { DataTable, StatusBadge } from "../../components/data-table.tsx";
import { FormCard } from "../../components/form-card.tsx";
import { SectionPage } from "../../components/section-page.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { labelOf } from "../../i18n/label.ts";
import { useSession } from "../../lib/session.tsx";
import { createAction } from "../../lib/use-action.ts";

export default function Users() {
  const { t, formatDate } = useI18n();
  const { api } = useSession();
  const [users, { refetch }] = createResource(() => api.GET("/v1/users/"));
  const [plans] = createResource(() => api.GET("/v1/plans"));
  const [subscriptions, { refetch: refetchSubs }] = createResource(() => api.GET("/v1/subscriptions"));
  const action = createAction();
  const currentOf = (viewerId: string) =>
    subscriptions()?.items.find((s) => s.viewerId === viewerId && s.current);
  // A memo made with the page: a resource first read in a cell created later in the route's
  // transition kept answering its old value (undefined), and the plan showed as its id.
  const planNames = createMemo(() => new Map((plans()?.items ?? []).map((p) => [p.id, p.name])));
  const planName = (planId: string) => planNames().get(planId) ?? "…";
  return (
    <SectionPage title={t("console.users")} error={action.error()}>
      <DataTable
        rows={users()?.items}
        columns={[
          { header: t("c.email"), cell: (u) => u.email },
          { header: t("console.name"), cell: (u) => u.name ?? "—" },
          { header: t("c.role"), cell: (u) => labelOf(t, "role", u.role) },
          {
            header: t("console.status"),
            cell: (u) => (
              <div class="row">
                <StatusBadge status={u.status} />
                <Show when={u.role !== "store_owner"}>
                  <button
                    type="button"
                    class="btn btn-small"
                    onClick={() =>
                      action.run(async () => {
                        await api.PATCH("/v1/users/{id}", {
                          params: { path: { id: u.id } },
                          body: { status: u.status === "active" ? "disabled" : "active" },
                        });
                        await refetch();
                      })
                    }
                  >
                    {u.status === "active" ? t("c.disable") : t("c.enable")}
                  </button>
                </Show>
              </div>
            ),
          },
          {
            header: t("account.plan"),
            cell: (u) => {
              const sub = currentOf(u.id);
              return sub ? `${planName(sub.planId)} → ${formatDate(sub.endsAt)}` : "—";
            },
          },
          {
            header: t("console.actions"),
            cell: (u) => (
              <Show when={u.role === "viewer" && !currentOf(u.id)}>
                <form
                  class="row"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const planId = String(new FormData(e.currentTarget).get("planId"));
                    void action.run(async () => {
                      await api.POST("/v1/subscriptions", { body: { viewerId: u.id, planId } });
                      await refetchSubs();
                    });
                  }}
                >
                  <select name="planId" aria-label={`${t("account.plan")} ${u.email}`}>
                    <For each={plans()?.items ?? []}>{(p) => <option value={p.id}>{p.name}</option>}</For>
                  </select>
                  <button type="submit" class="btn btn-small">
                    {t("console.grant")}
                  </button>
                </form>
              </Show>
            ),
          },
        ]}
      />
      <FormCard
        title={t("console.add")}
        submit={t("console.create")}
        onSubmit={(f) =>
          void action.run(async () => {
            await api.POST("/v1/users/", {
              body: {
                email: String(f.get("email")),
                password: String(f.get("password")),
                role: f.get("role") === "store_staff" ? "store_staff" : "viewer",
              },
            });
            await refetch();
          })
        }
      >
        <div class="row">
          <label>
            {t("c.email")}
            <input name="email" type="email" required />
          </label>
          <label>
            {t("auth.password")}
            <input name="password" type="password" minLength={10} required autocomplete="new-password" />
          </label>
          <label>
            {t("c.role")}
            <select name="role">
              <option value="viewer">{t("role.viewer")}</option>
              <option value="store_staff">{t("role.store_staff")}</option>
            </select>
          </label>
        </div>
      </FormCard>
    </SectionPage>
  );
}
