/**
 * The browser's API client: same-origin `/api` proxy, the store's slug as `X-Store`, one
 * session per store. The refresh token never reaches page scripts: the proxy keeps it in an
 * httpOnly cookie. The access token lives only in this module's memory; a page load gets one
 * from `resumeSession`. localStorage keeps a non-secret marker, "probably signed in", so
 * anonymous visits skip that refresh call.
 */
import {
  createClient,
  type NeveWatchClient,
  REFRESH_PATH,
  type TokenStore,
  type Tokens,
} from "@nevewatch/sdk";
import { isServer } from "solid-js/web";

const clients = new Map<string, NeveWatchClient>();

const nameOf = (key: string) => key || "platform";
const markerOf = (key: string) => `nevewatch.signedIn.${nameOf(key)}`;
/** Where earlier versions kept the whole token pair (see `takeStoredRefreshToken`). */
const LEGACY_PREFIX = "nevewatch.tokens.";

export function clientApi(storeSlug: string | null): NeveWatchClient {
  const key = storeSlug ?? "";
  let client = clients.get(key);
  if (!client) {
    // No slug: the platform's own session; "-" tells the /api proxy to name no store.
    client = createClient({
      baseUrl: "/api",
      store: storeSlug ?? "-",
      tokens: pageTokenStore(key),
      refreshTokenIn: "cookie",
      fetch: oneRefreshAtATime(key),
    });
    clients.set(key, client);
  }
  return client;
}

/**
 * Makes sure the page has an access token when the browser probably holds a session: one
 * already in memory, a session an earlier version left in localStorage (moved into the
 * cookie), or a refresh through the cookie when the marker is set. False when signed out.
 */
export async function resumeSession(storeSlug: string | null): Promise<boolean> {
  const key = storeSlug ?? "";
  const api = clientApi(storeSlug);
  if (await api.tokens.get()) return true;
  const stored = takeStoredRefreshToken(key);
  if (stored) {
    const session = await api.POST(REFRESH_PATH, { body: { refreshToken: stored } }).catch(() => null);
    if (session) {
      await api.remember(session);
      return true;
    }
  }
  if (localStorage.getItem(markerOf(key)) === null) return false;
  return api.refresh().catch(() => false);
}

/** The access token in memory; setting or clearing it sets or clears the marker. */
function pageTokenStore(key: string): TokenStore {
  let current: Tokens | null = null;
  return {
    get: () => current,
    set(tokens) {
      current = tokens;
      if (isServer) return;
      if (tokens) localStorage.setItem(markerOf(key), "1");
      else localStorage.removeItem(markerOf(key));
    },
  };
}

/**
 * One refresh at a time across this browser's tabs: they share the cookie, and a refresh
 * token is single use, so a tab presenting the token another tab just spent would end the
 * session as a reuse.
 */
function oneRefreshAtATime(key: string): (request: Request) => Promise<Response> {
  return (request) => {
    const locks = globalThis.navigator?.locks;
    if (!locks || !request.url.endsWith(REFRESH_PATH)) return fetch(request);
    return locks.request(`nevewatch.refresh.${nameOf(key)}`, () => fetch(request));
  };
}

let swept: Map<string, string> | undefined;

/**
 * Earlier versions kept the token pair in localStorage: every such entry leaves storage on
 * first use, and this store's refresh token, if any, is handed over once.
 */
function takeStoredRefreshToken(key: string): string | null {
  if (!swept) {
    swept = new Map();
    for (const name of Object.keys(localStorage).filter((n) => n.startsWith(LEGACY_PREFIX))) {
      const token = refreshTokenIn(localStorage.getItem(name));
      localStorage.removeItem(name);
      if (token) swept.set(name.slice(LEGACY_PREFIX.length), token);
    }
  }
  const token = swept.get(nameOf(key)) ?? null;
  swept.delete(nameOf(key));
  return token;
}

function refreshTokenIn(raw: string | null): string | null {
  try {
    const token = (JSON.parse(raw ?? "null") as { refreshToken?: unknown } | null)?.refreshToken;
    return typeof token === "string" && token ? token : null;
  } catch {
    return null;
  }
}
