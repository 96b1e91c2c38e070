/**
 * Root of the web app: resolves the store on the server, then provides it, the language and
 * the browser session to every route.
 */
import { Link, MetaProvider } from "@solidjs/meta";
import { createAsync, Router, useLocation } from "@solidjs/router";
import { FileRoutes } from "@solidjs/start/router";
import { createMemo, ErrorBoundary, type JSX, Show, Suspense } from "solid-js";
import { getRequestEvent, isServer } from "solid-js/web";
import { I18nProvider, isLanguage, LANGUAGE_COOKIE, type Language } from "./i18n/i18n.tsx";
import { getStore } from "./lib/public-data.ts";
import { SessionProvider } from "./lib/session.tsx";
import { brandingStyle, StoreProvider } from "./lib/store-context.tsx";
import "./styles/app.css";

function cookieLanguage(): string | null {
  const header = isServer ? (getRequestEvent()?.request.headers.get("cookie") ?? "") : document.cookie;
  const match = header.match(new RegExp(`(?:^|;\\s*)${LANGUAGE_COOKIE}=(\\w+)`));
  return match?.[1] ?? null;
}

function Shell(props: { children: JSX.Element }) {
  const store = createAsync(() => getStore(), { deferStream: true });
  const location = useLocation();
  // The platform admin signs in without a store, whatever store this host shows.
  const platform = () =>
    location.pathname.startsWith("/admin") || String(location.query.next ?? "").startsWith("/admin");
  const scope = createMemo(() => (platform() ? "-" : (store()?.slug ?? "-")));
  const language = (): Language => {
    const chosen = cookieLanguage();
    if (isLanguage(chosen)) return chosen;
    const fallback = store()?.defaultLanguage?.slice(0, 2);
    return isLanguage(fallback) ? fallback : "en";
  };
  return (
    <Suspense>
      <Show when={store() !== undefined}>
        <StoreProvider store={store}>
          <I18nProvider initial={language()}>
            <Show when={scope()} keyed>
              {(current) => (
                <SessionProvider storeSlug={current === "-" ? null : current}>
                  <Show when={store()?.branding.faviconUrl}>
                    {(href) => <Link rel="icon" href={href()} />}
                  </Show>
                  <div
                    class="app"
                    data-theme={store()?.branding.theme ?? "dark"}
                    style={brandingStyle(store())}
                  >
                    <ErrorBoundary
                      fallback={(error, reset) => (
                        <main class="page page-narrow">
                          <div class="error-box stack" role="alert">
                            <p>{String(error)}</p>
                            <button type="button" class="btn" onClick={reset}>
                              Try again
                            </button>
                          </div>
                        </main>
                      )}
                    >
                      {props.children}
                    </ErrorBoundary>
                  </div>
                </SessionProvider>
              )}
            </Show>
          </I18nProvider>
        </StoreProvider>
      </Show>
    </Suspense>
  );
}

export default function App() {
  return (
    <Router
      root={(props) => (
        <MetaProvider>
          <Shell>
            <Suspense>{props.children}</Suspense>
          </Shell>
        </MetaProvider>
      )}
    >
      <FileRoutes />
    </Router>
  );
}
