/**
 * Sets a new password with the token from the reset mail (`?token=`); the API ends every
 * session of the account, so the page sends the person to log in again.
 */
import { isApiProblem } from "@nevewatch/sdk";
import { A, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { AuthPage } from "../components/auth-page.tsx";
import { PASSWORD_HINT_ID, PASSWORD_LABEL_ID, PasswordProblem } from "../components/password-problem.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { useSession } from "../lib/session.tsx";
import { createAction } from "../lib/use-action.ts";

export default function ResetPassword() {
  const { t } = useI18n();
  const { api } = useSession();
  const [params] = useSearchParams();
  const token = () => (typeof params.token === "string" ? params.token : "");
  const [done, setDone] = createSignal(false);
  const action = createAction();
  const linkSpent = () => isApiProblem(action.error(), "token_invalid");
  return (
    <AuthPage title="reset.title">
      <Show when={token()} fallback={<p class="error-box">{t("reset.noToken")}</p>}>
        <Show
          when={done()}
          fallback={
            <form
              class="stack"
              onSubmit={(e) => {
                e.preventDefault();
                const newPassword = String(new FormData(e.currentTarget).get("password") ?? "");
                void action.run(async () => {
                  await api.POST("/v1/auth/password-reset/confirm", {
                    body: { token: token(), newPassword },
                  });
                  setDone(true);
                });
              }}
            >
              <label>
                <span id={PASSWORD_LABEL_ID}>{t("reset.password")}</span>
                <input
                  name="password"
                  type="password"
                  autocomplete="new-password"
                  minLength={10}
                  aria-labelledby={PASSWORD_LABEL_ID}
                  aria-describedby={PASSWORD_HINT_ID}
                  required
                />
                <span class="hint" id={PASSWORD_HINT_ID}>
                  {t("auth.passwordHint")}
                </span>
              </label>
              <Show when={action.error()}>
                {(e) => (
                  <Show when={linkSpent()} fallback={<PasswordProblem error={e()} />}>
                    <p class="error-box" role="alert" data-code="token_invalid">
                      {t("reset.linkInvalid")}
                    </p>
                  </Show>
                )}
              </Show>
              <button class="btn btn-primary" type="submit" disabled={action.busy()}>
                {action.busy() ? t("auth.working") : t("reset.submit")}
              </button>
            </form>
          }
        >
          <p class="ok-box" role="status">
            {t("reset.done")}
          </p>
          <A class="btn btn-primary" href="/login">
            {t("nav.login")}
          </A>
        </Show>
      </Show>
      <Show when={!done() && (!token() || linkSpent())}>
        <p class="muted">
          <A href="/forgot-password">{t("reset.again")}</A>
        </p>
      </Show>
    </AuthPage>
  );
}
