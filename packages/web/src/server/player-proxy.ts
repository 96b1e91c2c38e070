/**
 * The IPTV player paths on the web origin: `get.php`, `xmltv.php`, `player_api.php` and the
 * stream URLs `/live|movie|series/{user}/{pass}/{id}.{ext}` go to the API unchanged, so the
 * addresses the account page shows (built by the API from the forwarded `Host`) work in VLC and
 * Xtream players, on custom domains too. Bodies are streamed through, never buffered, and
 * redirects (stream URLs answer 302 to an edge node) are handed to the player as they are.
 */
import { forwardedHeaders } from "./store-ref.ts";

export interface PlayerProxyOptions {
  /** Where the web server reaches the API. */
  apiUrl: string;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

export type PlayerProxy = (request: Request, clientAddress?: string) => Promise<Response>;

const PLAYER_FILES: ReadonlySet<string> = new Set(["/get.php", "/xmltv.php", "/player_api.php"]);
const STREAM_PATH = /^\/(?:live|movie|series)\/[^/]+\/[^/]+\/[^/]+$/;
const PASSED_REQUEST_HEADERS = ["accept", "user-agent", "range", "if-none-match", "if-modified-since"];
// fetch has already decoded the body and framed it; the web server frames it again.
const DROPPED_RESPONSE_HEADERS = ["content-encoding", "content-length", "transfer-encoding", "connection"];

/** Whether this request is a player's (the exact paths the API's player module serves). */
export function isPlayerPath(pathname: string): boolean {
  return PLAYER_FILES.has(pathname) || STREAM_PATH.test(pathname);
}

export function createPlayerProxy(options: PlayerProxyOptions): PlayerProxy {
  const upstreamFetch = options.fetch ?? ((url, init) => fetch(url, init));
  return async (request, clientAddress) => {
    if (request.method !== "GET" && request.method !== "HEAD")
      return new Response(null, { status: 405, headers: { allow: "GET, HEAD" } });
    const url = new URL(request.url);
    const headers = forwardedHeaders(request, clientAddress);
    for (const name of PASSED_REQUEST_HEADERS) {
      const value = request.headers.get(name);
      if (value) headers.set(name, value);
    }
    let upstream: Response;
    try {
      upstream = await upstreamFetch(`${options.apiUrl}${url.pathname}${url.search}`, {
        method: request.method,
        headers,
        redirect: "manual",
        signal: request.signal,
      });
    } catch {
      return new Response("The service is not reachable right now\n", {
        status: 503,
        headers: { "content-type": "text/plain; charset=utf-8", "retry-after": "5" },
      });
    }
    const out = new Headers(upstream.headers);
    for (const name of DROPPED_RESPONSE_HEADERS) out.delete(name);
    return new Response(upstream.body, {
      status: upstream.status,
      statusText: upstream.statusText,
      headers: out,
    });
  };
}
