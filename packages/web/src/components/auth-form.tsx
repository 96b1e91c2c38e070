/**
 * The login and sign-up form: one component, two modes.
 */
import { isApiProblem } from "@nevewatch/sdk";
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { useI18n } from "../i18n/i18n.tsx";
import { homeOf } from "../lib/home-of.ts";
import { useSession } from "../lib/session.tsx";
import { useStore } from "../lib/store-context.tsx";
import { PASSWORD_HINT_ID, PASSWORD_LABEL_ID, PasswordProblem } from "./password-problem.tsx";

export function AuthForm(props: { mode: "login" | "signup" }) {
  const { t } = useI18n();
  const store = useStore();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const storeName = () => store()?.name ?? "NeveWatch";

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    const name = String(form.get("name") ?? "").trim();
    setBusy(true);
    setError(null);
    try {
      const account =
        props.mode === "login"
          ? await session.login({ email, password })
          : await session.register({ email, password, ...(name ? { name } : {}) });
      const next = typeof params.next === "string" && params.next.startsWith("/") ? params.next : null;
      navigate(next ?? homeOf(account.role));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card stack" onSubmit={submit} aria-busy={busy()}>
      <h1>
        {props.mode === "login"
          ? t("auth.loginTitle", { store: storeName() })
          : t("auth.signupTitle", { store: storeName() })}
      </h1>
      <Show when={props.mode === "signup" && store() && !store()?.allowSignup}>
        <p class="error-box">{t("auth.signupDisabled")}</p>
      </Show>
      <Show when={props.mode === "signup"}>
        <label>
          {t("auth.name")}
          <input name="name" autocomplete="name" maxLength={120} />
        </label>
      </Show>
      <label>
        {t("auth.email")}
        <input name="email" type="email" autocomplete="email" required />
      </label>
      <label>
        <span id={PASSWORD_LABEL_ID}>{t("auth.password")}</span>
        <input
          name="password"
          type="password"
          autocomplete={props.mode === "login" ? "current-password" : "new-password"}
          minLength={props.mode === "signup" ? 10 : 1}
          aria-labelledby={PASSWORD_LABEL_ID}
          aria-describedby={props.mode === "signup" ? PASSWORD_HINT_ID : undefined}
          required
        />
        <Show when={props.mode === "signup"}>
          {/* The rules before the viewer types, as the API applies them (auth/password-policy.ts). */}
          <span class="hint" id={PASSWORD_HINT_ID}>
            {t("auth.passwordHint")}
          </span>
        </Show>
      </label>
      <Show when={props.mode === "login"}>
        <A
          class="hint"
          href={
            typeof params.next === "string" && params.next.startsWith("/")
              ? `/forgot-password?next=${encodeURIComponent(params.next)}`
              : "/forgot-password"
          }
        >
          {t("auth.forgot")}
        </A>
      </Show>
      <Show when={error()}>
        {(e) => (
          <Show when={isApiProblem(e(), "platform_account")} fallback={<PasswordProblem error={e()} />}>
            <div class="error-box stack" role="alert" data-code="platform_account">
              <span>{t("error.platform_account")}</span>
              <A class="btn" href="/admin">
                {t("auth.toAdmin")}
              </A>
            </div>
          </Show>
        )}
      </Show>
      <button class="btn btn-primary" type="submit" disabled={busy()}>
        {busy() ? t("auth.working") : props.mode === "login" ? t("auth.loginSubmit") : t("auth.signupSubmit")}
      </button>
      <p class="muted">
        <Show
          when={props.mode === "login"}
          fallback={
            <>
              {t("auth.haveAccount")} <A href="/login">{t("nav.login")}</A>
            </>
          }
        >
          <Show when={store()?.allowSignup}>
            {t("auth.noAccount")} <A href="/signup">{t("nav.signup")}</A>
          </Show>
        </Show>
      </p>
    </form>
  );
}
