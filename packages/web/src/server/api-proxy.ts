/**
 * The same-origin proxy behind `/api/*`: the browser calls `/api/v1/...`, so there is no CORS
 * and the store resolves exactly as for the page (forwarded `Host`, `X-Store`, the demo
 * cookie). It also keeps each session's refresh token in an httpOnly cookie
 * (`refresh-cookie.ts`): taken out of session answers, put into refresh calls, cleared on
 * logout. Rotation and reuse detection stay with the API.
 */
import { REFRESH_PATH } from "@nevewatch/sdk";
import {
  clearedRefreshCookie,
  LOGOUT_PATHS,
  refreshCookie,
  refreshCookieName,
  SESSION_PATHS,
  takeRefreshToken,
} from "./refresh-cookie.ts";
import { cookieValue, forwardedHeaders, storeRefOf } from "./store-ref.ts";

export interface ApiProxyOptions {
  /** Where the web server reaches the API. */
  apiUrl: string;
  refreshCookieMaxAgeSec: number;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

export type ApiProxy = (request: Request, clientAddress?: string) => Promise<Response>;

const PASSED_REQUEST_HEADERS = [
  "authorization",
  "content-type",
  "accept",
  "x-api-key",
  "if-match",
  "if-none-match",
];
const DROPPED_RESPONSE_HEADERS = ["content-encoding", "content-length", "transfer-encoding", "connection"];
const SESSION_PATH_SET: ReadonlySet<string> = new Set(SESSION_PATHS);
const LOGOUT_PATH_SET: ReadonlySet<string> = new Set(LOGOUT_PATHS);

export function createApiProxy(options: ApiProxyOptions): ApiProxy {
  const upstreamFetch = options.fetch ?? ((url, init) => fetch(url, init));
  return async (request, clientAddress) => {
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/api/, "");
    const headers = forwardedHeaders(request, clientAddress);
    for (const name of PASSED_REQUEST_HEADERS) {
      const value = request.headers.get(name);
      if (value) headers.set(name, value);
    }
    const storeRef = storeRefOf(request);
    const cookieName = refreshCookieName(storeRef);
    const secure = isHttps(request);
    const post = request.method === "POST";
    let body: ArrayBuffer | string | undefined =
      request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();

    let sentCookie = false;
    if (post && path === REFRESH_PATH) {
      const prepared = withRefreshToken(body, cookieValue(request, cookieName));
      if (!prepared) return problem(401, "token_invalid", "This browser holds no session: sign in again");
      ({ body, fromCookie: sentCookie } = prepared);
      headers.set("content-type", "application/json");
    }

    let upstream: Response;
    try {
      upstream = await upstreamFetch(`${options.apiUrl}${path}${url.search}`, {
        method: request.method,
        headers,
        redirect: "manual",
        ...(body === undefined ? {} : { body }),
      });
    } catch {
      return problem(503, "unavailable", "The API is not reachable");
    }
    const out = new Headers(upstream.headers);
    for (const name of DROPPED_RESPONSE_HEADERS) out.delete(name);
    const init = { status: upstream.status, statusText: upstream.statusText, headers: out };

    // The browser forgets the session whatever the API answered; the API revokes the session
    // (the whole refresh family) named by the access token.
    if (post && LOGOUT_PATH_SET.has(path)) out.append("set-cookie", clearedRefreshCookie(cookieName, secure));
    // A refused refresh token (spent, revoked, expired, malformed) will not work again; a rate
    // limit (429) or an outage says nothing about it.
    if (post && path === REFRESH_PATH && sentCookie && (upstream.status === 401 || upstream.status === 400))
      out.append("set-cookie", clearedRefreshCookie(cookieName, secure));

    if (upstream.ok && SESSION_PATH_SET.has(path) && isJson(upstream)) {
      const text = await upstream.text();
      const answer = parseJson(text);
      const taken = takeRefreshToken(answer, storeRef);
      if (!taken) return new Response(text, init);
      out.append(
        "set-cookie",
        refreshCookie(refreshCookieName(taken.storeRef), taken.token, {
          secure,
          maxAgeSec: options.refreshCookieMaxAgeSec,
        }),
      );
      out.set("cache-control", "no-store");
      return new Response(JSON.stringify(answer), init);
    }
    return new Response(upstream.body, init);
  };
}

/**
 * The body of a refresh call: a caller that names its own refresh token keeps it (an older
 * session being moved into the cookie); otherwise the cookie's token. Null when neither has one.
 */
function withRefreshToken(
  body: ArrayBuffer | undefined,
  cookie: string | null,
): { body: string; fromCookie: boolean } | null {
  const sent = body === undefined ? null : parseJson(new TextDecoder().decode(body));
  const own =
    typeof sent === "object" && sent !== null ? (sent as { refreshToken?: unknown }).refreshToken : null;
  if (typeof own === "string" && own)
    return { body: JSON.stringify({ refreshToken: own }), fromCookie: false };
  if (!cookie) return null;
  return { body: JSON.stringify({ refreshToken: cookie }), fromCookie: true };
}

/** Behind a TLS-terminating front proxy the request arrives as http with X-Forwarded-Proto. */
function isHttps(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (forwarded ?? new URL(request.url).protocol.replace(/:$/, "")) === "https";
}

function isJson(response: Response): boolean {
  return /^application\/(?:[\w.+-]+\+)?json/.test(response.headers.get("content-type") ?? "");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function problem(status: 401 | 503, code: string, detail: string): Response {
  return Response.json(
    {
      type: "about:blank",
      title: status === 401 ? "Unauthorized" : "Unavailable",
      status,
      detail,
      code,
    },
    { status, headers: { "content-type": "application/problem+json" } },
  );
}
