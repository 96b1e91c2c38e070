/**
 * GET a URL a customer supplied (a provider's playlist, an Xtream panel, an XMLTV guide),
 * guarded against server-side request forgery: http(s) only; the host is resolved once and
 * every address checked (no loopback, private, link-local, shared, multicast or reserved
 * address unless `OUTBOUND_ALLOW_PRIVATE`, or the URL's origin is one the platform allows,
 * its own `PUBLIC_URL`); the connection goes to a checked address with the name as Host and
 * TLS server name, so a second DNS answer cannot move it; redirects are followed by hand, a
 * few at most, and each hop is checked again. The body is the connection's stream, unbuffered.
 */
import { isIP } from "node:net";
import { checkServerIdentity } from "node:tls";
import type { Config } from "../config/config.ts";
import { OutboundError, type OutboundRefusal } from "./outbound-error.ts";
import { type Lookup, type ResolvedAddress, resolvePublic } from "./resolve-public.ts";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/** Which destinations are allowed besides public addresses. */
export interface OutboundPolicy {
  /** Let loopback, private and other non-public addresses through (tests, local providers). */
  allowPrivate: boolean;
  /** Origins (`scheme://host[:port]`) reachable whatever their address: the platform's own. */
  allowOrigins: readonly string[];
}

export interface GuardedFetchOptions extends OutboundPolicy {
  /** Whose URL it is, for refusal messages: "provider", "guide". */
  label: string;
  headers?: HeadersInit;
  signal?: AbortSignal;
  /** Default 5. */
  maxRedirects?: number;
  lookup?: Lookup;
}

/** The policy the configuration sets: `OUTBOUND_ALLOW_PRIVATE`, and the origin of `PUBLIC_URL`. */
export function outboundPolicy(
  config: Pick<Config, "OUTBOUND_ALLOW_PRIVATE" | "PUBLIC_URL">,
): OutboundPolicy {
  return { allowPrivate: config.OUTBOUND_ALLOW_PRIVATE, allowOrigins: [new URL(config.PUBLIC_URL).origin] };
}

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

/** The request for `url` sent to one checked address: the name stays in Host and TLS. */
export function addressedRequest(url: URL, to: ResolvedAddress, options: GuardedFetchOptions) {
  const direct = new URL(url);
  direct.hostname = to.family === 6 ? `[${to.address}]` : to.address;
  const headers = new Headers(options.headers);
  headers.set("host", url.host);
  const name = url.hostname;
  const tls =
    url.protocol === "https:" && isIP(name) === 0
      ? {
          tls: {
            serverName: name,
            // The certificate must be the name's, though the connection names an address.
            checkServerIdentity: (_host: string, cert: Parameters<typeof checkServerIdentity>[1]) =>
              checkServerIdentity(name, cert),
          },
        }
      : {};
  return {
    url: direct.href,
    init: {
      method: "GET",
      headers,
      redirect: "manual",
      ...(options.signal ? { signal: options.signal } : {}),
      ...tls,
    } satisfies BunFetchRequestInit,
  };
}

/** One request, no redirects followed: to the first checked address that takes the connection. */
async function fetchOnce(url: URL, options: GuardedFetchOptions, refuse: (r: OutboundRefusal) => never) {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const resolved = await resolvePublic(host, {
    allowPrivate: options.allowPrivate || options.allowOrigins.includes(url.origin),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  if (!resolved.ok)
    return refuse(
      resolved.reason === "unresolved"
        ? { reason: "unresolved", host }
        : { reason: "not_public", host, address: resolved.address, addressClass: resolved.addressClass },
    );
  let failure: unknown;
  for (const to of resolved.addresses) {
    const request = addressedRequest(url, to, options);
    try {
      return await fetch(request.url, request.init);
    } catch (error) {
      // A name with an IPv6 and an IPv4 address may be reachable on one only.
      if (options.signal?.aborted) throw error;
      failure = error;
    }
  }
  throw failure;
}

/** The response of `url` after at most `maxRedirects` checked redirects; throws `OutboundError` when refused. */
export async function guardedFetch(url: string, options: GuardedFetchOptions): Promise<Response> {
  const max = options.maxRedirects ?? MAX_REDIRECTS;
  let redirected = false;
  const refuse = (refusal: OutboundRefusal): never => {
    throw new OutboundError(refusal, { label: options.label, redirected });
  };
  let current = target(url, undefined, refuse);
  for (let hop = 0; ; hop++) {
    const response = await fetchOnce(current, options, refuse);
    const location = REDIRECTS.has(response.status) ? response.headers.get("location") : null;
    if (location === null) return response;
    await response.body?.cancel();
    if (hop >= max) return refuse({ reason: "too_many_redirects", max });
    redirected = true;
    current = target(location, current, refuse);
  }
}
