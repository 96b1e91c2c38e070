/**
 * Confirms an e-mail address with the token from the mail (`?token=`), as soon as the page
 * opens in the browser.
 */
import { isApiProblem } from "@nevewatch/sdk";
import { A, useSearchParams } from "@solidjs/router";
import { createSignal, onMount, Show } from "solid-js";
import { AuthPage } from "../components/auth-page.tsx";
import { ProblemMessage } from "../components/problem-message.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { homeOf } from "../lib/home-of.ts";
import { useSession } from "../lib/session.tsx";
import { useStore } from "../lib/store-context.tsx";

export default function VerifyEmail() {
  const { t } = useI18n();
  const session = useSession();
  const store = useStore();
  const [params] = useSearchParams();
  const token = () => (typeof params.token === "string" ? params.token : "");
  const [state, setState] = createSignal<"working" | "done" | "failed">("working");
  const [error, setError] = createSignal<unknown>(null);
  onMount(() => {
    if (!token()) {
      setState("failed");
      return;
    }
    session.api
      .POST("/v1/auth/verify-email/confirm", { body: { token: token() } })
      .then(() => setState("done"))
      .catch((e: unknown) => {
        setError(e);
        setState("failed");
      });
  });
  const next = () => {
    const account = session.account();
    return account ? homeOf(account.role) : "/";
  };
  return (
    <AuthPage title="verify.title">
      <Show when={state() === "working"}>
        <p class="muted" role="status">
          {t("verify.working")}
        </p>
      </Show>
      <Show when={state() === "done"}>
        <p class="ok-box" role="status">
          {t("verify.done")}
        </p>
        <A class="btn btn-primary" href={next()}>
          {t("verify.continue", { store: store()?.name ?? "NeveWatch" })}
        </A>
      </Show>
      <Show when={state() === "failed"}>
        <Show
          when={!token() || isApiProblem(error(), "token_invalid")}
          fallback={<ProblemMessage error={error()} />}
        >
          <p class="error-box" role="alert" data-code="token_invalid">
            {t("verify.linkInvalid")}
          </p>
        </Show>
      </Show>
    </AuthPage>
  );
}
