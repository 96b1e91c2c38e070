/**
 * Categories of the catalog: add, rename, delete (items become uncategorised).
 */
import { createResource, Show } from "solid-js";
import { useI18n } from "../../i18n/i18n.tsx";
import { labelOf } from "../../i18n/label.ts";
import { useSession } from "../../lib/session.tsx";
import { createAction } from "../../lib/use-action.ts";
import { DataTable } from "../data-table.tsx";
import { InlineForm } from "../inline-form.tsx";
import { ProblemMessage } from "../problem-message.tsx";

export function CategoriesEditor(props: { onChange?: () => void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [categories, { refetch }] = createResource(() => api.GET("/v1/catalog/categories"));
  const action = createAction();
  const changed = async () => {
    await refetch();
    props.onChange?.();
  };
  return (
    <section class="stack" aria-labelledby="categories-title">
      <h2 id="categories-title">{t("c.categories")}</h2>
      <Show when={action.error()}>{(e) => <ProblemMessage error={e()} />}</Show>
      <DataTable
        rows={categories()?.items}
        columns={[
          {
            header: t("console.name"),
            cell: (c) => (
              <input
                aria-label={t("c.rename", { name: c.name })}
                value={c.name}
                onChange={(e) => {
                  const name = e.currentTarget.value.trim();
                  if (name && name !== c.name)
                    void action.run(async () => {
                      await api.PATCH("/v1/catalog/categories/{id}", {
                        params: { path: { id: c.id } },
                        body: { name },
                      });
                      await changed();
                    });
                }}
              />
            ),
          },
          { header: t("c.type"), cell: (c) => labelOf(t, "categoryType", c.type) },
          {
            header: t("console.actions"),
            cell: (c) => (
              <button
                type="button"
                class="btn btn-small btn-danger"
                onClick={() =>
                  action.run(async () => {
                    await api.DELETE("/v1/catalog/categories/{id}", { params: { path: { id: c.id } } });
                    await changed();
                  })
                }
              >
                {t("account.remove")}
              </button>
            ),
          },
        ]}
      />
      <InlineForm
        submit={t("console.add")}
        onSubmit={(f) => {
          const type = f.get("type") === "movie" ? "movie" : f.get("type") === "series" ? "series" : "live";
          void action.run(async () => {
            await api.POST("/v1/catalog/categories", { body: { name: String(f.get("name")), type } });
            await changed();
          });
        }}
      >
        <label>
          {t("c.newCategory")}
          <input name="name" required maxLength={100} />
        </label>
        <label>
          {t("c.type")}
          <select name="type">
            <option value="live">{t("categoryType.live")}</option>
            <option value="movie">{t("categoryType.movie")}</option>
            <option value="series">{t("categoryType.series")}</option>
          </select>
        </label>
      </InlineForm>
    </section>
  );
}
