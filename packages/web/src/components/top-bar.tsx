/**
 * The header of every page: the store's logo and name, section links, language and session.
 */
import { A, useNavigate } from "@solidjs/router";
import { For, type JSX, Show } from "solid-js";
import { isLanguage, LANGUAGES, useI18n } from "../i18n/i18n.tsx";
import { useSession } from "../lib/session.tsx";
import { useStore } from "../lib/store-context.tsx";

export function TopBar(props: {
  links?: { href: string; label: string }[];
  children?: JSX.Element;
  platform?: boolean;
}) {
  const storeOfPage = useStore();
  const store = () => (props.platform ? null : storeOfPage());
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const name = () => store()?.name ?? "NeveWatch";
  return (
    <header class="topbar">
      <a class="skip-link" href="#content">
        {t("nav.skip")}
      </a>
      <A class="brand" href="/">
        <Show
          when={store()?.branding.logoUrl}
          fallback={
            <span class="brand-mark" aria-hidden="true">
              {name().charAt(0)}
            </span>
          }
        >
          {(src) => <img src={src()} alt="" />}
        </Show>
        <span>{name()}</span>
      </A>
      <nav class="topnav" aria-label="Main">
        <For each={props.links ?? []}>
          {(link) => (
            <A href={link.href} end>
              {link.label}
            </A>
          )}
        </For>
      </nav>
      <div class="topbar-end">
        {props.children}
        <label>
          <span class="sr-only">{t("nav.language")}</span>
          <select
            aria-label={t("nav.language")}
            value={lang()}
            onChange={(e) => {
              const next = e.currentTarget.value;
              if (isLanguage(next)) setLang(next);
            }}
          >
            <For each={Object.entries(LANGUAGES)}>
              {([code, dict]) => (
                <option value={code} selected={code === lang()}>
                  {dict["lang.name"]}
                </option>
              )}
            </For>
          </select>
        </label>
        <Show
          when={session.account()}
          fallback={
            <>
              <A class="btn btn-ghost" href="/login">
                {t("nav.login")}
              </A>
              <Show when={store()?.allowSignup}>
                <A class="btn btn-primary" href="/signup">
                  {t("nav.signup")}
                </A>
              </Show>
            </>
          }
        >
          <button
            type="button"
            class="btn btn-ghost"
            onClick={async () => {
              await session.logout();
              navigate("/");
            }}
          >
            {t("nav.logout")}
          </button>
        </Show>
      </div>
    </header>
  );
}
