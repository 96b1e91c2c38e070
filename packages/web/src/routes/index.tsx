/**
 * The storefront: the store's pitch and plans, server-rendered with its metadata. A signed-in
 * viewer sees their own offer on the plans (their plan, a free trial to start, or why not)
 * instead of links back to sign-up.
 */
import { A, createAsync, type RouteDefinition } from "@solidjs/router";
import { For, Show } from "solid-js";
import { PageMeta } from "../components/page-meta.tsx";
import { StoreSignup } from "../components/store-signup.tsx";
import { StorefrontBar } from "../components/storefront-bar.tsx";
import { TopBar } from "../components/top-bar.tsx";
import {
  OfferNotice,
  StartTrialButton,
  useViewerOffer,
  type ViewerOffer,
} from "../components/trial-offer.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { signupFor } from "../lib/plan-links.ts";
import { getPublicPlans, type PublicPlan } from "../lib/public-data.ts";
import { useStore } from "../lib/store-context.tsx";

export const route = { preload: () => getPublicPlans() } satisfies RouteDefinition;

/** What a plan card offers: sign-up to visitors, to a signed-in viewer their trial or nothing yet. */
function PlanAction(props: { plan: PublicPlan; offer: ViewerOffer | null | undefined }) {
  const { t } = useI18n();
  const days = () => Number(props.plan.trialDays);
  return (
    <Show
      when={props.offer}
      fallback={
        <A class="btn btn-primary" href={signupFor(props.plan.id)}>
          {t("plan.choose", { plan: props.plan.name })}
        </A>
      }
    >
      {(offer) => (
        <Show
          when={!offer().current && offer().trial.available && days() > 0}
          fallback={
            <Show when={!offer().current}>
              <p class="muted">{t("trial.laterOnly")}</p>
            </Show>
          }
        >
          <StartTrialButton planId={props.plan.id} days={days()} />
        </Show>
      )}
    </Show>
  );
}

function PlanCard(props: { plan: PublicPlan; offer: ViewerOffer | null | undefined }) {
  const { t, formatPrice } = useI18n();
  const screens = () => Number(props.plan.screens);
  return (
    <article class="card plan" aria-labelledby={`plan-${props.plan.id}`}>
      <h3 id={`plan-${props.plan.id}`}>{props.plan.name}</h3>
      <div class="price">{formatPrice(props.plan.price, props.plan.currency)}</div>
      <div class="muted">{t("plan.perDays", { days: Number(props.plan.durationDays) })}</div>
      <ul>
        <li>{screens() === 1 ? t("plan.screen") : t("plan.screens", { n: screens() })}</li>
        <Show when={Number(props.plan.trialDays) > 0}>
          <li>{t("plan.trial", { days: Number(props.plan.trialDays) })}</li>
        </Show>
        <Show when={props.plan.description}>
          <li>{props.plan.description}</li>
        </Show>
      </ul>
      <PlanAction plan={props.plan} offer={props.offer} />
    </article>
  );
}

function NoStore() {
  const { t } = useI18n();
  return (
    <>
      <TopBar platform />
      <main id="content" class="page page-narrow stack">
        <PageMeta title="NeveWatch" description="NeveWatch, the white-label IPTV platform" />
        <div class="card stack">
          <h1>{t("store.none.title")}</h1>
          <p class="muted">{t("store.none.body")}</p>
          <A class="btn" href="/login">
            {t("nav.login")}
          </A>
        </div>
        <StoreSignup />
      </main>
    </>
  );
}

export default function Storefront() {
  const store = useStore();
  const plans = createAsync(() => getPublicPlans(), { deferStream: true });
  const { t, formatPrice } = useI18n();
  const cheapest = () => [...(plans() ?? [])].sort((a, b) => Number(a.price) - Number(b.price))[0];
  const maxScreens = () => Math.max(1, ...(plans() ?? []).map((p) => Number(p.screens)));
  const offer = useViewerOffer();
  /** The signed-in viewer's offer once known; visitors, other accounts and unknowns get the sign-up one. */
  const known = () => (offer.state === "ready" ? offer() : undefined);
  return (
    <Show when={store()} fallback={<NoStore />}>
      {(s) => (
        <>
          <Show when={plans()}>
            <PageMeta
              title={t("landing.title", { store: s().name })}
              description={t("landing.description", {
                store: s().name,
                price: cheapest()
                  ? formatPrice(cheapest()?.price ?? 0, cheapest()?.currency ?? s().currency)
                  : "—",
              })}
              image={s().branding.logoUrl}
              siteName={s().name}
            />
          </Show>
          <StorefrontBar />
          <main id="content">
            <section class="hero">
              <h1>{t("landing.hero")}</h1>
              <p>{t("landing.sub", { screens: maxScreens() })}</p>
              <Show
                when={known()}
                fallback={
                  <Show when={s().allowSignup}>
                    <A class="btn btn-primary" href="/signup">
                      {t("landing.cta")}
                    </A>
                  </Show>
                }
              >
                {(o) => (
                  <A class="btn btn-primary" href={o().current ? "/watch" : "#plans"}>
                    {o().current ? t("trial.watchNow") : t("trial.seePlans")}
                  </A>
                )}
              </Show>
            </section>
            <section class="page" id="plans" aria-labelledby="plans-title">
              <h2 id="plans-title">{t("landing.plans")}</h2>
              <Show when={known()}>{(o) => <OfferNotice offer={o()} />}</Show>
              <Show when={(plans() ?? []).length > 0} fallback={<p class="muted">{t("landing.noPlans")}</p>}>
                <div class="plans">
                  <For each={plans()}>{(plan) => <PlanCard plan={plan} offer={known()} />}</For>
                </div>
              </Show>
            </section>
          </main>
          <footer class="footer">© {s().name} · NeveWatch</footer>
        </>
      )}
    </Show>
  );
}
