/**
 * Channels and categories of the catalog, packages (what plans include) and guide mapping.
 */
import { createResource } from "solid-js";
import { CategoriesEditor } from "../../components/console/categories-editor.tsx";
import { GuideMapping } from "../../components/console/guide-mapping.tsx";
import { DataTable } from "../../components/data-table.tsx";
import { InlineForm } from "../../components/inline-form.tsx";
import { SectionPage } from "../../components/section-page.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { labelOf } from "../../i18n/label.ts";
import { useSession } from "../../lib/session.tsx";
import { createAction } from "../../lib/use-action.ts";

export default function Catalog() {
  const { t } = useI18n();
  const { api } = useSession();
  const [items, { refetch }] = createResource(() =>
    api.GET("/v1/catalog/items", { params: { query: { limit: 500 } } }),
  );
  const [categories, { refetch: refetchCategories }] = createResource(() =>
    api.GET("/v1/catalog/categories"),
  );
  const [packages, { refetch: refetchPackages }] = createResource(() => api.GET("/v1/catalog/packages"));
  const action = createAction();
  const categoryName = (id: string | null) => categories()?.items.find((c) => c.id === id)?.name ?? "—";
  return (
    <SectionPage title={t("console.catalog")} error={action.error()}>
      <CategoriesEditor onChange={() => void refetchCategories()} />
      <h2>{t("c.packages")}</h2>
      <DataTable
        rows={packages()?.items}
        columns={[
          { header: t("console.name"), cell: (p) => p.name },
          { header: t("c.items"), cell: (p) => String(p.itemIds.length) },
          { header: t("c.categories"), cell: (p) => p.categoryIds.map(categoryName).join(", ") || "—" },
        ]}
      />
      <InlineForm
        submit={t("console.create")}
        onSubmit={(f) => {
          const name = String(f.get("name"));
          void action.run(async () => {
            await api.POST("/v1/catalog/packages", {
              body: {
                name,
                itemIds: [],
                categoryIds: (categories()?.items ?? []).map((c) => c.id),
              },
            });
            await refetchPackages();
          });
        }}
      >
        <label>
          {t("c.newPackage")}
          <input name="name" required placeholder={t("c.everything")} />
        </label>
      </InlineForm>
      <GuideMapping channels={(items()?.items ?? []).filter((i) => i.type === "live")} />
      <h2>
        {t("c.items")} ({items()?.items.length ?? 0})
      </h2>
      <DataTable
        rows={items()?.items}
        columns={[
          { header: "#", cell: (i) => String(i.number ?? "") },
          { header: t("console.name"), cell: (i) => i.name },
          { header: t("c.type"), cell: (i) => labelOf(t, "type", i.type) },
          { header: t("c.category"), cell: (i) => categoryName(i.categoryId) },
          { header: t("c.guideId"), cell: (i) => i.epgId ?? "—" },
          {
            header: t("console.status"),
            cell: (i) => (
              <button
                type="button"
                class="btn btn-small"
                aria-pressed={i.enabled}
                onClick={() =>
                  action.run(async () => {
                    await api.PATCH("/v1/catalog/items/{id}", {
                      params: { path: { id: i.id } },
                      body: { enabled: !i.enabled },
                    });
                    await refetch();
                  })
                }
              >
                {i.enabled ? t("c.enabled") : t("c.disabled")}
              </button>
            ),
          },
        ]}
      />
    </SectionPage>
  );
}
