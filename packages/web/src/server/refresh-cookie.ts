/**
 * The session's refresh token as an httpOnly cookie: the `/api` proxy takes it out of the API's
 * session answers into the cookie and puts it back into refresh calls, so page scripts (and an
 * XSS) never see it. One cookie per store, because the app keeps one session per store.
 */
import type { paths } from "@nevewatch/sdk";

/** Only the auth routes get the cookie (the refresh call and logout among them). */
export const REFRESH_COOKIE_PATH = "/api/v1/auth";
/** The API's default REFRESH_TOKEN_TTL_SEC; its answers do not say the refresh token's lifetime. */
export const DEFAULT_REFRESH_MAX_AGE_SEC = 30 * 86400;

type JsonOf<R> = R extends { content: { "application/json": infer B } } ? B : never;
type SuccessBody<Op> = Op extends { responses: infer R }
  ? JsonOf<R[200 & keyof R]> | JsonOf<R[201 & keyof R]>
  : never;
type CarriesRefresh<B> = B extends { refreshToken: string }
  ? true
  : B extends { session: { refreshToken: string } }
    ? true
    : false;
/** Every API path whose success answer carries a refresh token, read from the SDK's types. */
type SessionPath = {
  [P in keyof paths]: true extends CarriesRefresh<SuccessBody<paths[P][keyof paths[P]]>> ? P : never;
}[keyof paths];

/** API paths whose answers carry a refresh token (checked against the spec below). */
export const SESSION_PATHS = [
  "/v1/auth/login",
  "/v1/auth/register",
  "/v1/auth/refresh",
  "/v1/stores/signup",
] as const satisfies readonly SessionPath[];
// Fails to compile when the API starts returning refresh tokens on a path not listed above.
type Unlisted = Exclude<SessionPath, (typeof SESSION_PATHS)[number]>;
export const ALL_SESSION_PATHS_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;

/** Answers that end this browser's session: the cookie goes with them. */
export const LOGOUT_PATHS = ["/v1/auth/logout", "/v1/auth/logout-all"] as const;

/** `nw_refresh` for the platform's own session, `nw_refresh_<slug>` for a store's. */
export function refreshCookieName(storeRef: string | null): string {
  return storeRef ? `nw_refresh_${storeRef}` : "nw_refresh";
}

export interface CookieOptions {
  secure: boolean;
  maxAgeSec: number;
}

export function refreshCookie(name: string, token: string, options: CookieOptions): string {
  return serialize(name, encodeURIComponent(token), options.maxAgeSec, options.secure);
}

export function clearedRefreshCookie(name: string, secure: boolean): string {
  return serialize(name, "", 0, secure);
}

// SameSite=Strict: every use is a same-origin fetch from the app's own pages.
function serialize(name: string, value: string, maxAgeSec: number, secure: boolean): string {
  return `${name}=${value}; Path=${REFRESH_COOKIE_PATH}; Max-Age=${maxAgeSec}; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
}

/** A refresh token taken out of an answer, with the store whose session it opens. */
export interface TakenToken {
  token: string;
  storeRef: string | null;
}

/**
 * Removes the refresh token from a session answer (in place): `{ refreshToken }` belongs to
 * the store the request named; a store signup's `{ store, session: { refreshToken } }` to the
 * new store.
 */
export function takeRefreshToken(body: unknown, requestStore: string | null): TakenToken | null {
  if (!isRecord(body)) return null;
  if (typeof body.refreshToken === "string") {
    const token = body.refreshToken;
    delete body.refreshToken;
    return { token, storeRef: requestStore };
  }
  const { session, store } = body;
  if (isRecord(session) && typeof session.refreshToken === "string") {
    const token = session.refreshToken;
    delete session.refreshToken;
    const slug = isRecord(store) && typeof store.slug === "string" ? store.slug : requestStore;
    return { token, storeRef: slug };
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
