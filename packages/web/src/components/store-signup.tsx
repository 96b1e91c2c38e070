/**
 * Opening a new store from the platform's own page (when the platform allows it): the owner
 * account and the store in one step, then the console of the new store.
 */
import { createSignal, Show } from "solid-js";
import { isServer } from "solid-js/web";
import { useI18n } from "../i18n/i18n.tsx";
import { clientApi } from "../lib/client-api.ts";
import { ProblemMessage } from "./problem-message.tsx";

export function StoreSignup() {
  const { t } = useI18n();
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  return (
    <form
      class="card stack"
      aria-label={t("signupStore.title")}
      onSubmit={async (e) => {
        e.preventDefault();
        if (isServer) return;
        const f = new FormData(e.currentTarget);
        const slug = String(f.get("slug")).trim();
        const name = String(f.get("owner") ?? "").trim();
        setBusy(true);
        setError(null);
        try {
          const platform = clientApi(null);
          const made = await platform.POST("/v1/stores/signup", {
            body: {
              name: String(f.get("name")),
              slug,
              owner: {
                email: String(f.get("email")),
                password: String(f.get("password")),
                ...(name ? { name } : {}),
              },
              device: { name: "Web", kind: "web" },
            },
          });
          await clientApi(made.store.slug).remember(made.session);
          // A full load, so the server renders the new store (remembered through ?store=).
          location.assign(`/console?store=${encodeURIComponent(made.store.slug)}`);
        } catch (problem) {
          setError(problem);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2>{t("signupStore.title")}</h2>
      <p class="muted">{t("signupStore.body")}</p>
      <label>
        {t("signupStore.name")}
        <input name="name" required maxLength={120} />
      </label>
      <label>
        {t("c.slug")}
        <input name="slug" required pattern="[a-z0-9][a-z0-9\-]{1,38}[a-z0-9]" placeholder="acme" />
        <span class="hint">{t("signupStore.slugHint")}</span>
      </label>
      <label>
        {t("auth.name")}
        <input name="owner" autocomplete="name" maxLength={120} />
      </label>
      <label>
        {t("auth.email")}
        <input name="email" type="email" autocomplete="email" required />
      </label>
      <label>
        {t("auth.password")}
        <input name="password" type="password" autocomplete="new-password" minLength={10} required />
      </label>
      <Show when={error()}>{(e) => <ProblemMessage error={e()} />}</Show>
      <button class="btn btn-primary" type="submit" disabled={busy()}>
        {busy() ? t("auth.working") : t("signupStore.submit")}
      </button>
    </form>
  );
}
