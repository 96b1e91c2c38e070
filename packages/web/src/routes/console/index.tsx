/**
 * Branding (name, colours, logo, theme, language) and custom domains of the owner's store.
 */
import { revalidate } from "@solidjs/router";
import { createResource, For, Show } from "solid-js";
import { DataTable, StatusBadge } from "../../components/data-table.tsx";
import { InlineForm } from "../../components/inline-form.tsx";
import { ProblemMessage } from "../../components/problem-message.tsx";
import { SectionPage } from "../../components/section-page.tsx";
import { useI18n } from "../../i18n/i18n.tsx";
import { labelOf } from "../../i18n/label.ts";
import { getStore } from "../../lib/public-data.ts";
import { useSession } from "../../lib/session.tsx";
import { createAction } from "../../lib/use-action.ts";

export default function Branding() {
  const { t } = useI18n();
  const { api, account } = useSession();
  const id = () => account()?.storeId ?? "";
  const [store, { refetch }] = createResource(id, (storeId) =>
    api.GET("/v1/stores/{id}", { params: { path: { id: storeId } } }),
  );
  const [domains, { refetch: refetchDomains }] = createResource(id, (storeId) =>
    api.GET("/v1/stores/{id}/domains", { params: { path: { id: storeId } } }),
  );
  const action = createAction();
  const save = createAction();
  return (
    <SectionPage title={t("console.branding")} error={action.error()}>
      <Show when={store()}>
        {(s) => (
          <form
            class="card stack"
            aria-label={t("console.branding")}
            onInput={() => save.dismiss()}
            onSubmit={(e) => {
              e.preventDefault();
              const f = new FormData(e.currentTarget);
              const logo = String(f.get("logoUrl") ?? "").trim();
              void save.run(async () => {
                await api.PATCH("/v1/stores/{id}", {
                  params: { path: { id: s().id } },
                  body: {
                    name: String(f.get("name")),
                    branding: {
                      primaryColor: String(f.get("primaryColor")),
                      accentColor: String(f.get("accentColor")),
                      theme: String(f.get("theme")) as "dark" | "light" | "system",
                      logoUrl: logo || null,
                    },
                    settings: { defaultLanguage: String(f.get("defaultLanguage")) },
                  },
                });
                // The page's own store (header, colours, theme) is read on the server: ask again.
                await Promise.all([refetch(), revalidate(getStore.key)]);
              });
            }}
          >
            <label>
              {t("console.name")}
              <input name="name" value={s().name} required />
            </label>
            <div class="row">
              <label>
                {t("c.primaryColour")}
                <input name="primaryColor" type="color" value={s().branding.primaryColor} />
              </label>
              <label>
                {t("c.accentColour")}
                <input name="accentColor" type="color" value={s().branding.accentColor} />
              </label>
              <label>
                {t("c.theme")}
                <select name="theme">
                  <For each={["dark", "light", "system"]}>
                    {(v) => (
                      <option value={v} selected={v === s().branding.theme}>
                        {labelOf(t, "theme", v)}
                      </option>
                    )}
                  </For>
                </select>
              </label>
              <label>
                {t("nav.language")}
                <select name="defaultLanguage">
                  <option value="en" selected={s().settings.defaultLanguage === "en"}>
                    English
                  </option>
                  <option value="es" selected={s().settings.defaultLanguage === "es"}>
                    Español
                  </option>
                </select>
              </label>
            </div>
            <label>
              {t("c.logoUrl")}
              <input name="logoUrl" type="url" value={s().branding.logoUrl ?? ""} placeholder="https://" />
            </label>
            <Show when={save.error()}>{(e) => <ProblemMessage error={e()} />}</Show>
            <div class="row">
              <button class="btn btn-primary" type="submit" disabled={save.busy()}>
                {save.busy() ? t("auth.working") : t("console.save")}
              </button>
              <Show when={save.succeeded()}>
                <span class="saved-note" role="status">
                  {t("console.saved")}
                </span>
              </Show>
            </div>
          </form>
        )}
      </Show>
      <h2>{t("console.domains")}</h2>
      <DataTable
        rows={domains()}
        columns={[
          { header: t("c.domain"), cell: (d) => d.domain },
          {
            header: t("console.status"),
            cell: (d) => <StatusBadge status={d.verified ? "verified" : "pending"} />,
          },
          { header: t("c.verification"), cell: (d) => <code>{d.verifyUrl}</code> },
          {
            header: t("console.actions"),
            cell: (d) => (
              <Show when={!d.verified}>
                <button
                  type="button"
                  class="btn btn-small"
                  onClick={() =>
                    action.run(async () => {
                      await api.POST("/v1/stores/{id}/domains/{domainId}/verify", {
                        params: { path: { id: id(), domainId: d.id } },
                      });
                      await refetchDomains();
                    })
                  }
                >
                  {t("c.verify")}
                </button>
              </Show>
            ),
          },
        ]}
      />
      <InlineForm
        submit={t("console.add")}
        onSubmit={(f) => {
          const domain = String(f.get("domain"));
          void action.run(async () => {
            await api.POST("/v1/stores/{id}/domains", {
              params: { path: { id: id() } },
              body: { domain },
            });
            await refetchDomains();
          });
        }}
      >
        <label>
          {t("c.domain")}
          <input name="domain" required placeholder="tv.example.com" />
        </label>
      </InlineForm>
    </SectionPage>
  );
}
