/**
 * Which store a page request names when its host does not: `?store=<slug>` (remembered in a
 * cookie for the demo), then that cookie, then `DEFAULT_STORE`. The API resolves custom and
 * platform domains itself from the forwarded `Host`.
 */
import { webConfig } from "./config.ts";

export const STORE_COOKIE = "nw_store";
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function cookieValue(request: Request, name: string): string | null {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** `X-Store: -` asks for no store at all (the platform admin's own session). */
export const NO_STORE = "-";

export function storeRefOf(request: Request): string | null {
  if (request.headers.get("x-store") === NO_STORE) return null;
  const fromQuery = new URL(request.url).searchParams.get("store");
  if (fromQuery && SLUG.test(fromQuery)) return fromQuery;
  const fromHeader = request.headers.get("x-store");
  if (fromHeader && SLUG.test(fromHeader)) return fromHeader;
  const fromCookie = cookieValue(request, STORE_COOKIE);
  if (fromCookie && SLUG.test(fromCookie)) return fromCookie;
  return webConfig().defaultStore;
}

/**
 * Headers that make the API see the store the visitor sees, and the visitor's address (the API
 * trusts `X-Forwarded-For` from this server when its TRUST_PROXY says so; rate limits need it).
 */
export function forwardedHeaders(request: Request, clientAddress?: string): Headers {
  const headers = new Headers();
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) headers.set("host", host);
  const ref = storeRefOf(request);
  if (ref) headers.set("x-store", ref);
  const forwardedFor = [request.headers.get("x-forwarded-for"), clientAddress].filter(Boolean).join(", ");
  if (forwardedFor) headers.set("x-forwarded-for", forwardedFor);
  const language = request.headers.get("accept-language");
  if (language) headers.set("accept-language", language);
  return headers;
}
