/**
 * The storefront: the store's pitch and plans, server-rendered with its metadata.
 */
import { A, createAsync, type RouteDefinition } from "@solidjs/router";
import { For, Show } from "solid-js";
import { PageMeta } from "../components/page-meta.tsx";
import { StoreSignup } from "../components/store-signup.tsx";
import { StorefrontBar } from "../components/storefront-bar.tsx";
import { TopBar } from "../components/top-bar.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { getPublicPlans, type PublicPlan } from "../lib/public-data.ts";
import { useStore } from "../lib/store-context.tsx";

export const route = { preload: () => getPublicPlans() } satisfies RouteDefinition;

function PlanCard(props: { plan: PublicPlan }) {
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
      <A class="btn btn-primary" href={`/signup?plan=${encodeURIComponent(props.plan.id)}`}>
        {t("plan.choose", { plan: props.plan.name })}
      </A>
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
              <Show when={s().allowSignup}>
                <A class="btn btn-primary" href="/signup">
                  {t("landing.cta")}
                </A>
              </Show>
            </section>
            <section class="page" id="plans" aria-labelledby="plans-title">
              <h2 id="plans-title">{t("landing.plans")}</h2>
              <Show when={(plans() ?? []).length > 0} fallback={<p class="muted">{t("landing.noPlans")}</p>}>
                <div class="plans">
                  <For each={plans()}>{(plan) => <PlanCard plan={plan} />}</For>
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
