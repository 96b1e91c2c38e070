/**
 * The frame of the small account pages (log in, forgotten password, reset, e-mail
 * confirmation): the store's header and one narrow card.
 */
import type { JSX } from "solid-js";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useStore } from "../lib/store-context.tsx";
import { PageMeta } from "./page-meta.tsx";
import { StorefrontBar } from "./storefront-bar.tsx";

export function AuthPage(props: { title: MessageKey; children: JSX.Element }) {
  const { t } = useI18n();
  const store = useStore();
  const name = () => store()?.name ?? "NeveWatch";
  return (
    <>
      <PageMeta title={`${t(props.title)} · ${name()}`} siteName={name()} />
      <StorefrontBar />
      <main id="content" class="page page-narrow">
        <div class="card stack">
          <h1>{t(props.title)}</h1>
          {props.children}
        </div>
      </main>
    </>
  );
}
