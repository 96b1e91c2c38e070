/**
 * Asks for a password-reset mail. The API answers the same whether or not the account exists,
 * and so does this page.
 */
import { A, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { AuthPage } from "../components/auth-page.tsx";
import { ProblemMessage } from "../components/problem-message.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { useSession } from "../lib/session.tsx";
import { useStore } from "../lib/store-context.tsx";
import { createAction } from "../lib/use-action.ts";

export default function ForgotPassword() {
  const { t } = useI18n();
  const { api } = useSession();
  const store = useStore();
  const [params] = useSearchParams();
  const [sentTo, setSentTo] = createSignal<string | null>(null);
  const action = createAction();
  // The platform admin's page keeps `next=/admin`, which also keeps its session scope.
  const loginHref = () =>
    typeof params.next === "string" ? `/login?next=${encodeURIComponent(params.next)}` : "/login";
  return (
    <AuthPage title="forgot.title">
      <Show
        when={sentTo()}
        fallback={
          <form
            class="stack"
            aria-label={t("forgot.title")}
            onSubmit={(e) => {
              e.preventDefault();
              const email = String(new FormData(e.currentTarget).get("email") ?? "").trim();
              void action.run(async () => {
                await api.POST("/v1/auth/password-reset/request", { body: { email } });
                setSentTo(email);
              });
            }}
          >
            <p class="muted">{t("forgot.body", { store: store()?.name ?? "NeveWatch" })}</p>
            <label>
              {t("auth.email")}
              <input name="email" type="email" autocomplete="email" required />
            </label>
            <Show when={action.error()}>{(e) => <ProblemMessage error={e()} />}</Show>
            <button class="btn btn-primary" type="submit" disabled={action.busy()}>
              {action.busy() ? t("auth.working") : t("forgot.submit")}
            </button>
          </form>
        }
      >
        {(email) => (
          <p class="ok-box" role="status">
            {t("forgot.sent", { email: email() })}
          </p>
        )}
      </Show>
      <p class="muted">
        <A href={loginHref()}>{t("forgot.back")}</A>
      </p>
    </AuthPage>
  );
}
