/**
 * A `fetch` that adds `X-Store` and the bearer token, and refreshes the tokens once (shared by
 * concurrent requests, since refresh tokens are single use) then retries: on a 401
 * `token_expired`, or on any 401 to a request whose access token's own `exp` has passed. An
 * access token already past its `exp` is refreshed before the request is sent.
 *
 * With `refreshTokenIn: "cookie"` the refresh token never reaches this code: a same-origin
 * proxy keeps it in an httpOnly cookie (the web app's `/api`), so the refresh call goes out
 * without one in its body and only the access token is stored.
 */
import type { TokenStore } from "./token-store.ts";

export const REFRESH_PATH = "/v1/auth/refresh";

export interface AuthFetchOptions {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
  store?: string | undefined;
  tokens?: TokenStore | undefined;
  refreshPath?: string | undefined;
  /** `store` (default): the refresh token is in `tokens`; `cookie`: a proxy adds it from a cookie. */
  refreshTokenIn?: "store" | "cookie" | undefined;
}

export interface AuthFetch {
  (request: Request): Promise<Response>;
  /** Refreshes the tokens now (shared with any refresh in flight); false when refused or impossible. */
  refresh(): Promise<boolean>;
}

export function createAuthFetch(options: AuthFetchOptions): AuthFetch {
  const { tokens } = options;
  const inCookie = options.refreshTokenIn === "cookie";
  let refreshing: Promise<boolean> | null = null;

  const send = async (request: Request): Promise<Response> => {
    const headers = new Headers(request.headers);
    if (options.store && !headers.has("x-store")) headers.set("x-store", options.store);
    const current = tokens ? await tokens.get() : null;
    if (current && !headers.has("authorization"))
      headers.set("authorization", `Bearer ${current.accessToken}`);
    return options.fetch(new Request(request, { headers }));
  };

  const refresh = async (): Promise<boolean> => {
    if (!tokens) return false;
    const current = await tokens.get();
    if (!inCookie && !current?.refreshToken) return false;
    const url = `${options.baseUrl}${options.refreshPath ?? REFRESH_PATH}`;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (options.store) headers["x-store"] = options.store;
    const response = await options.fetch(
      new Request(url, {
        method: "POST",
        headers,
        body: JSON.stringify(inCookie ? {} : { refreshToken: current?.refreshToken }),
        // The proxy rotates the cookie: a page unloaded mid-call must still take the new one,
        // or the next load would present the spent token (reuse, which ends the session).
        ...(inCookie ? { keepalive: true } : {}),
      }),
    );
    if (!response.ok) {
      // A refused refresh token is final (revoked, reused or expired): forget the session.
      if (response.status === 401) await tokens.set(null);
      return false;
    }
    const body = (await response.json()) as { accessToken: string; refreshToken?: string };
    await tokens.set({
      accessToken: body.accessToken,
      refreshToken: inCookie ? null : (body.refreshToken ?? null),
    });
    return true;
  };

  const refreshOnce = (): Promise<boolean> => {
    refreshing ??= refresh().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  const authFetch = async (request: Request): Promise<Response> => {
    if (!tokens) return send(request);
    const retry = request.clone();
    const before = await tokens.get();
    if (before && (inCookie || before.refreshToken) && isPastExpiry(before.accessToken)) await refreshOnce();
    const sentWith = (await tokens.get())?.accessToken;
    const response = await send(request);
    // Without a bearer token there is nothing to refresh (an anonymous 401 stays a 401).
    if (response.status !== 401 || !sentWith) return response;
    if (!(await isTokenExpired(response)) && !(sentWith && isPastExpiry(sentWith))) return response;
    // Another request may have refreshed while this one was in flight.
    const latest = (await tokens.get())?.accessToken;
    if (latest && latest !== sentWith) return send(retry);
    return (await refreshOnce()) ? send(retry) : response;
  };
  return Object.assign(authFetch, { refresh: refreshOnce });
}

/** True when a JWT's `exp` claim has passed (read, not verified: only to decide on a refresh). */
export function isPastExpiry(token: string, nowSec = Date.now() / 1000): boolean {
  const payload = token.split(".")[1];
  if (!payload) return false;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === "number" && exp <= nowSec + 5;
  } catch {
    return false;
  }
}

async function isTokenExpired(response: Response): Promise<boolean> {
  try {
    const body = (await response.clone().json()) as { code?: unknown };
    return body.code === "token_expired";
  } catch {
    return false;
  }
}
