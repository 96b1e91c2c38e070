/**
 * `fetch` for URLs a tenant supplied (stream sources, the URIs inside their playlists, VOD files;
 * in the API also provider and guide imports), guarded against server-side request forgery:
 * http(s) only; the host is resolved and every address checked (no loopback, private,
 * link-local, shared, multicast or reserved address unless the policy allows private addresses
 * or the URL's origin is one it names); the connection goes to a checked address with the name
 * as Host and TLS server name, so a second DNS answer cannot move it; redirects are followed by
 * hand, a few at most, and each hop is checked again. Bodies are the connection's own stream
 * (back-pressure intact), and connections to an address stay pooled (keep-alive).
 */
import { isIP } from "node:net";
import { addressClass } from "./address-class.ts";
import { cachedLookup } from "./cached-lookup.ts";
import { type OutboundRefusal, OutboundRefusedError } from "./outbound-refusal.ts";
import { type Lookup, type ResolvedAddress, resolvePublic, systemLookup } from "./resolve-public.ts";

/** The part of `fetch` the edge uses upstream: a URL and a bodiless init (GET or HEAD). */
export type UpstreamFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

/** Which destinations are allowed besides public addresses. */
export interface OutboundPolicy {
  /** Let loopback, private and other non-public addresses through (tests, local providers). */
  allowPrivate: boolean;
  /** Origins (`scheme://host[:port]`) reachable whatever their address: the platform's own. */
  allowOrigins: readonly string[];
}

export interface GuardedFetchOptions extends OutboundPolicy {
  /** Whose URLs these are, for refusal messages. Default "source". */
  label?: string;
  /** The setting that lifts the guard, named in refusal messages. Default `EDGE_OUTBOUND_ALLOW_PRIVATE`. */
  setting?: string;
  /** Default 5. */
  maxRedirects?: number;
  lookup?: Lookup;
  /** How long a host's addresses are reused; 0 looks the host up for every request. Default 30 s. */
  cacheTtlMs?: number;
  /** Hosts whose addresses are kept at most. Default 1024. */
  cacheMaxHosts?: number;
  /** Sends each checked request (the global `fetch` by default); tests route addresses with it. */
  transport?: UpstreamFetch;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** `text` read as an http(s) URL (against `base` for a redirect's Location), or why not. */
function target(text: string, base: URL | undefined, refuse: (refusal: OutboundRefusal) => never): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return refuse({ reason: "invalid_url" });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return refuse({ reason: "scheme", scheme: url.protocol });
  return url;
}

/**
 * The request for `url` sent to one checked address. The name stays in Host and in the TLS
 * server name, which Bun checks the certificate against. (A `checkServerIdentity` callback would
 * do the same, but Bun 1.4 never pools such connections: every request would pay a handshake.)
 */
export function addressedRequest(url: URL, to: ResolvedAddress, init: RequestInit = {}) {
  const direct = new URL(url);
  direct.hostname = to.family === 6 ? `[${to.address}]` : to.address;
  const headers = new Headers(init.headers);
  headers.set("host", url.host);
  const name = url.hostname;
  const tls =
    url.protocol === "https:" && !name.startsWith("[") && isIP(name) === 0
      ? { tls: { serverName: name } }
      : {};
  return {
    url: direct.href,
    init: { ...init, headers, redirect: "manual", ...tls } satisfies BunFetchRequestInit,
  };
}

/** Gives a response the URL it was asked for (not the address it went to), as fetch would. */
function named(response: Response, url: URL, redirected: boolean): Response {
  if (response.url !== url.href) Object.defineProperty(response, "url", { value: url.href });
  if (redirected) Object.defineProperty(response, "redirected", { value: true });
  return response;
}

/** A `fetch` that refuses (with `OutboundRefusedError`) what the policy does not allow. */
export function createGuardedFetch(options: GuardedFetchOptions): UpstreamFetch {
  const wording = {
    label: options.label ?? "source",
    setting: options.setting ?? "EDGE_OUTBOUND_ALLOW_PRIVATE",
  };
  const allowOrigins = new Set(options.allowOrigins.map((origin) => new URL(origin).origin));
  const ttlMs = options.cacheTtlMs ?? 30_000;
  const lookup =
    ttlMs > 0
      ? cachedLookup(options.lookup ?? systemLookup, { ttlMs, maxHosts: options.cacheMaxHosts ?? 1024 })
      : (options.lookup ?? systemLookup);
  const transport = options.transport ?? fetch;
  const maxRedirects = options.maxRedirects ?? 5;

  /** One request, no redirect followed: to the first checked address that takes the connection. */
  async function hop(url: URL, init: RequestInit, refuse: (refusal: OutboundRefusal) => never) {
    const allowed = options.allowPrivate || allowOrigins.has(url.origin);
    const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
    if (isIP(host) !== 0) {
      // An address needs no lookup and no Host header of its own.
      const kind = addressClass(host);
      if (!allowed && kind !== "public")
        return refuse({ reason: "not_public", host, address: host, addressClass: kind });
      return transport(url.href, { ...init, redirect: "manual" });
    }
    const signal = init.signal ?? undefined;
    const resolved = await resolvePublic(host, {
      allowPrivate: allowed,
      lookup,
      ...(signal === undefined ? {} : { signal }),
    });
    if (!resolved.ok)
      return refuse(
        resolved.reason === "unresolved"
          ? { reason: "unresolved", host }
          : { reason: "not_public", host, address: resolved.address, addressClass: resolved.addressClass },
      );
    let failure: unknown;
    for (const to of resolved.addresses) {
      const request = addressedRequest(url, to, init);
      try {
        return await transport(request.url, request.init);
      } catch (error) {
        // A name with an IPv6 and an IPv4 address may be reachable on one only.
        if (signal?.aborted) throw error;
        failure = error;
      }
    }
    throw failure;
  }

  return async (input, init = {}) => {
    if (init.body !== undefined && init.body !== null)
      throw new TypeError("A guarded fetch sends no request body");
    let redirected = false;
    const refuse = (refusal: OutboundRefusal): never => {
      throw new OutboundRefusedError(refusal, { ...wording, redirected });
    };
    let url = target(String(input), undefined, refuse);
    let method = (init.method ?? "GET").toUpperCase();
    for (let hops = 0; ; hops++) {
      const response = await hop(url, { ...init, method }, refuse);
      const location =
        REDIRECTS.has(response.status) && init.redirect !== "manual"
          ? response.headers.get("location")
          : null;
      if (location === null) return named(response, url, redirected);
      await response.body?.cancel();
      if (init.redirect === "error") throw new TypeError(`The ${wording.label} redirected`);
      if (hops >= maxRedirects) return refuse({ reason: "too_many_redirects", max: maxRedirects });
      redirected = true;
      url = target(location, url, refuse);
      if (response.status === 303 && method !== "HEAD") method = "GET";
    }
  };
}
