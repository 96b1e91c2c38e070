/**
 * Sign-up, and what follows it for a chosen plan (`?plan=<id>`): a visitor creates the account
 * and comes back here (`next`) with `trial=start`, which starts the plan's free trial and opens
 * the viewer app. A signed-in viewer gets the trial (or the reason there is none) instead of
 * the form again.
 */
import { A, createAsync, useSearchParams } from "@solidjs/router";
import { type JSX, onMount, Show } from "solid-js";
import { AuthForm } from "../components/auth-form.tsx";
import { PageMeta } from "../components/page-meta.tsx";
import { StorefrontBar } from "../components/storefront-bar.tsx";
import { OfferNotice, StartTrialButton, useViewerOffer } from "../components/trial-offer.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { homeOf } from "../lib/home-of.ts";
import { afterSignup } from "../lib/plan-links.ts";
import { getPublicPlans, type PublicPlan } from "../lib/public-data.ts";
import { type Account, useSession } from "../lib/session.tsx";
import { useStore } from "../lib/store-context.tsx";

function PlanSummary(props: { plan: PublicPlan; children?: JSX.Element }) {
  const { t, formatPrice } = useI18n();
  const days = () => Number(props.plan.trialDays);
  return (
    <section class="card stack" aria-label={props.plan.name} data-testid="chosen-plan">
      <h2>{props.plan.name}</h2>
      <p class="muted">
        {days() > 0
          ? t("trial.planTrial", { days: days() })
          : t("trial.planPrice", {
              price: formatPrice(props.plan.price, props.plan.currency),
              days: Number(props.plan.durationDays),
            })}
      </p>
      {props.children}
    </section>
  );
}

function SignedIn(props: { account: Account; plan: PublicPlan | null; planAsked: boolean; start: boolean }) {
  const { t } = useI18n();
  const offer = useViewerOffer();
  const viewer = () => props.account.role === "viewer";
  return (
    <Show
      when={viewer()}
      fallback={
        <div class="card stack">
          <p>{t("trial.notViewer", { email: props.account.email })}</p>
          <A class="btn" href={homeOf(props.account.role)}>
            {t("trial.continue")}
          </A>
        </div>
      }
    >
      <div class="stack">
        <h1>{t("trial.title")}</h1>
        <p class="muted">{t("trial.signedInAs", { email: props.account.email })}</p>
        <Show when={props.planAsked && !props.plan}>
          <p class="error-box">{t("error.plan_not_found")}</p>
        </Show>
        <Show when={offer.state === "ready" && offer()}>{(o) => <OfferNotice offer={o()} />}</Show>
        <Show when={props.plan}>
          {(plan) => (
            <PlanSummary plan={plan()}>
              <Show
                when={Number(plan().trialDays) > 0}
                fallback={<p class="muted">{t("trial.laterOnly")}</p>}
              >
                {/* The API has the last word (trial_used, subscription_exists): the button shows it. */}
                <Show
                  when={
                    offer.state === "ready" && (!offer() || (!offer()?.current && offer()?.trial.available))
                  }
                >
                  <StartTrialButton planId={plan().id} days={Number(plan().trialDays)} auto={props.start} />
                </Show>
              </Show>
            </PlanSummary>
          )}
        </Show>
        <div class="row">
          <A class="btn" href="/#plans">
            {t("trial.seePlans")}
          </A>
          <A class="btn" href="/watch">
            {t("trial.watchNow")}
          </A>
        </div>
      </div>
    </Show>
  );
}

export default function Signup() {
  const { t } = useI18n();
  const store = useStore();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const plans = createAsync(() => getPublicPlans(), { deferStream: true });
  const planId = () => (typeof params.plan === "string" && params.plan ? params.plan : null);
  const plan = () => plans()?.find((p) => p.id === planId()) ?? null;
  // A hand-made `/signup?plan=…` link still comes back here after the account is made.
  onMount(() => {
    const id = planId();
    if (id && typeof params.next !== "string") setParams({ next: afterSignup(id) }, { replace: true });
  });
  return (
    <>
      <PageMeta
        title={t("auth.signupTitle", { store: store()?.name ?? "NeveWatch" })}
        siteName={store()?.name ?? "NeveWatch"}
      />
      <StorefrontBar />
      <main id="content" class="page page-narrow">
        <Show
          when={session.account()}
          fallback={
            <div class="stack">
              <Show when={plan()}>{(p) => <PlanSummary plan={p()} />}</Show>
              <AuthForm mode="signup" />
            </div>
          }
        >
          {(account) => (
            <SignedIn
              account={account()}
              plan={plan()}
              planAsked={planId() !== null}
              start={params.trial === "start"}
            />
          )}
        </Show>
      </main>
    </>
  );
}
