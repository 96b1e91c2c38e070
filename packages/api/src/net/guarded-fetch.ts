/**
 * GET a URL a customer supplied (a provider's playlist, an Xtream panel, an XMLTV guide),
 * guarded against server-side request forgery by the edge package's guard, the one the edges
 * fetch streams through: http(s) only; every address the host resolves to checked (no loopback,
 * private, link-local, shared, multicast or reserved address unless `OUTBOUND_ALLOW_PRIVATE`, or
 * the URL's origin is the platform's own `PUBLIC_URL`); the connection goes to a checked address
 * with the name as Host and TLS server name; redirects followed by hand, each hop checked again.
 * The body is the connection's stream, unbuffered. Refusals are `OutboundError` problems.
 */
import { createGuardedFetch, type OutboundPolicy, OutboundRefusedError } from "@nevewatch/edge";
import type { Config } from "../config/config.ts";
import { OUTBOUND_SETTING, OutboundError } from "./outbound-error.ts";
import type { Lookup } from "./resolve-public.ts";

export type { OutboundPolicy };

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

/** The response of `url` after at most `maxRedirects` checked redirects; throws `OutboundError` when refused. */
export async function guardedFetch(url: string, options: GuardedFetchOptions): Promise<Response> {
  const { label, headers, signal, maxRedirects, lookup } = options;
  const fetchGuarded = createGuardedFetch({
    allowPrivate: options.allowPrivate,
    allowOrigins: options.allowOrigins,
    label,
    setting: OUTBOUND_SETTING,
    // Imports are rare: each one looks its hosts up afresh.
    cacheTtlMs: 0,
    ...(maxRedirects === undefined ? {} : { maxRedirects }),
    ...(lookup === undefined ? {} : { lookup }),
  });
  try {
    return await fetchGuarded(url, {
      method: "GET",
      ...(headers === undefined ? {} : { headers }),
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    if (error instanceof OutboundRefusedError)
      throw new OutboundError(error.refusal, { label, redirected: error.redirected });
    throw error;
  }
}
