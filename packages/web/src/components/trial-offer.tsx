/**
 * What a signed-in viewer may do about plans until checkout exists: watch with the plan they
 * hold, start a plan's free trial (once per e-mail and per device, the API decides), or read
 * why not. Used by the storefront's plans and by the sign-up page.
 */
import type { ResponseBody } from "@nevewatch/sdk";
import { A, useNavigate } from "@solidjs/router";
import { createEffect, createResource, createSignal, type Resource, Show } from "solid-js";
import { useI18n } from "../i18n/i18n.tsx";
import { useSession } from "../lib/session.tsx";
import { deviceId } from "../viewer/device-id.ts";
import { ProblemMessage } from "./problem-message.tsx";

export interface ViewerOffer {
  subscription: ResponseBody<"/v1/me/subscription", "get">["subscription"];
  /** Active or suspended: the viewer holds a plan, so no trial is offered. */
  current: boolean;
  trial: ResponseBody<"/v1/me/trial", "get">;
}

/** The offer of the signed-in viewer; unset for visitors and other accounts, null when unknown. */
export function useViewerOffer(): Resource<ViewerOffer | null> {
  const session = useSession();
  const [offer] = createResource(
    () => {
      const account = session.account();
      return account?.role === "viewer" ? account.id : false;
    },
    async (): Promise<ViewerOffer | null> => {
      try {
        const [mine, trial] = await Promise.all([
          session.api.GET("/v1/me/subscription"),
          session.api.GET("/v1/me/trial", { params: { query: { deviceId: deviceId() } } }),
        ]);
        const status = mine.subscription?.status;
        return {
          subscription: mine.subscription,
          current: status === "active" || status === "suspended",
          trial,
        };
      } catch {
        // Unknown is shown as the visitor's offer; starting a trial still gets the API's answer.
        return null;
      }
    },
  );
  return offer;
}

/** Starts the trial and opens the viewer app; `auto` starts it at once (right after sign-up). */
export function StartTrialButton(props: { planId: string; days: number; auto?: boolean }) {
  const { t } = useI18n();
  const { api } = useSession();
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  const start = async () => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      await api.POST("/v1/me/trial", { body: { planId: props.planId, deviceId: deviceId() } });
      navigate("/watch");
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };
  // Once, when asked: the page may learn it should start only after the button is shown.
  let started = false;
  createEffect(() => {
    if (props.auto && !started) {
      started = true;
      void start();
    }
  });
  return (
    <div class="stack">
      <button class="btn btn-primary" type="button" disabled={busy()} onClick={() => void start()}>
        {busy() ? t("trial.starting") : t("trial.start", { days: props.days })}
      </button>
      <Show when={error()}>{(e) => <ProblemMessage error={e()} />}</Show>
    </div>
  );
}

/** One line on where the viewer stands, above the plans; nothing while they may start a trial. */
export function OfferNotice(props: { offer: ViewerOffer }) {
  const { t, formatDate } = useI18n();
  const sub = () => props.offer.subscription;
  return (
    <Show
      when={props.offer.current && sub()}
      fallback={
        <Show when={!props.offer.trial.available}>
          <p class="notice" role="status">
            {t("trial.used")}
          </p>
        </Show>
      }
    >
      {(s) => (
        <div class="notice row" role="status">
          <span>
            {s().status === "suspended"
              ? t("trial.suspended", { plan: s().plan?.name ?? "—" })
              : t("trial.current", { plan: s().plan?.name ?? "—", date: formatDate(s().endsAt) })}
          </span>
          <Show when={s().status === "active"}>
            <A class="btn btn-primary btn-small" href="/watch">
              {t("trial.watchNow")}
            </A>
          </Show>
        </div>
      )}
    </Show>
  );
}
