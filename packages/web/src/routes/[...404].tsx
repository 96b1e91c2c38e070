/**
 * Any address no route knows: a page in the store's branding with a way back, answered with
 * HTTP 404 on the server (crawlers and link checkers see the status, people see the page).
 */
import { A } from "@solidjs/router";
import { HttpStatusCode } from "@solidjs/start";
import { PageMeta } from "../components/page-meta.tsx";
import { StorefrontBar } from "../components/storefront-bar.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { useStore } from "../lib/store-context.tsx";

export default function NotFound() {
  const { t } = useI18n();
  const store = useStore();
  const name = () => store()?.name ?? "NeveWatch";
  return (
    <>
      <HttpStatusCode code={404} />
      <PageMeta title={t("notFound.title", { store: name() })} siteName={name()} />
      <StorefrontBar />
      <main id="content" class="hero not-found">
        <p class="not-found-code" aria-hidden="true">
          404
        </p>
        <h1>{t("notFound.heading")}</h1>
        <p>{t("notFound.body")}</p>
        <A class="btn btn-primary" href="/">
          {t("notFound.home", { store: name() })}
        </A>
      </main>
    </>
  );
}
