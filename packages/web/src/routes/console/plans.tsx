/**
 * The store's plans: price, duration, screens and the channel packages they include.
 */
import { createResource, For } from "solid-js";
import { DataTable, StatusBadge } from "../../components/data-table.tsx";
import { FormCard } from "../../components/form-card.tsx";
import { SectionPage } from "../../components/section-page.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import { createAction } from "../../lib/use-action.ts";

export default function Plans() {
  const { t, formatPrice } = useI18n();
  const { api } = useSession();
  const [plans, { refetch }] = createResource(() => api.GET("/v1/plans"));
  const [packages] = createResource(() => api.GET("/v1/catalog/packages"));
  const action = createAction();
  const packageName = (id: string) => packages()?.items.find((p) => p.id === id)?.name ?? id;
  return (
    <SectionPage title={t("console.plans")} error={action.error()}>
      <DataTable
        rows={plans()?.items}
        columns={[
          { header: t("console.name"), cell: (p) => p.name },
          { header: t("c.price"), cell: (p) => formatPrice(p.price, p.currency) },
          { header: t("c.days"), cell: (p) => String(Number(p.durationDays)) },
          { header: t("c.screens"), cell: (p) => String(Number(p.screens)) },
          { header: t("c.packages"), cell: (p) => p.packageIds.map(packageName).join(", ") || "—" },
          {
            header: t("console.status"),
            cell: (p) => <StatusBadge status={p.active ? "active" : "disabled"} />,
          },
          {
            header: t("console.actions"),
            cell: (p) => (
              <form
                class="row"
                onSubmit={(e) => {
                  e.preventDefault();
                  const id = String(new FormData(e.currentTarget).get("packageId"));
                  void action.run(async () => {
                    await api.PATCH("/v1/plans/{id}", {
                      params: { path: { id: p.id } },
                      body: { packageIds: [...new Set([...p.packageIds, id])] },
                    });
                    await refetch();
                  });
                }}
              >
                <select name="packageId" aria-label={`Package for ${p.name}`}>
                  <For each={packages()?.items ?? []}>{(pk) => <option value={pk.id}>{pk.name}</option>}</For>
                </select>
                <button class="btn btn-small" type="submit">
                  {t("c.include")}
                </button>
              </form>
            ),
          },
        ]}
      />
      <FormCard
        title={t("console.create")}
        submit={t("console.create")}
        onSubmit={(f) =>
          void action.run(async () => {
            await api.POST("/v1/plans", {
              body: {
                name: String(f.get("name")),
                description: String(f.get("description") ?? ""),
                price: Math.round(Number(f.get("price")) * 100),
                currency: String(f.get("currency")),
                durationDays: Number(f.get("durationDays")),
                screens: Number(f.get("screens")),
              },
            });
            await refetch();
          })
        }
      >
        <div class="row">
          <label>
            {t("console.name")}
            <input name="name" required />
          </label>
          <label>
            {t("c.price")}
            <input name="price" type="number" min="0" step="0.01" required />
          </label>
          <label>
            {t("c.currency")}
            <input name="currency" value="EUR" pattern="[A-Z]{3}" required size={4} />
          </label>
          <label>
            {t("c.days")}
            <input name="durationDays" type="number" min="1" value="30" required />
          </label>
          <label>
            {t("c.screens")}
            <input name="screens" type="number" min="1" value="1" required />
          </label>
        </div>
        <label>
          {t("c.description")}
          <input name="description" maxLength={2000} />
        </label>
      </FormCard>
    </SectionPage>
  );
}
