/**
 * A resolver that remembers each host's answer for a while, so the segments of one HLS stream do
 * not each pay a DNS lookup. Concurrent lookups of one host share one query; failures are not
 * remembered. Only the answer is cached: the guard checks the addresses on every request.
 */
import type { Lookup, ResolvedAddress } from "./resolve-public.ts";

export interface CachedLookupOptions {
  ttlMs: number;
  /** Hosts remembered at most; the oldest answer goes first. */
  maxHosts: number;
  now?: () => number;
}

interface Entry {
  addresses: Promise<ResolvedAddress[]>;
  /** When the answer stops being reused (a lookup still running counts from its start). */
  expiresAt: number;
}

export function cachedLookup(lookup: Lookup, options: CachedLookupOptions): Lookup {
  const entries = new Map<string, Entry>();
  const now = options.now ?? Date.now;

  return (host) => {
    const cached = entries.get(host);
    if (cached !== undefined && cached.expiresAt > now()) return cached.addresses;
    entries.delete(host);
    if (entries.size >= options.maxHosts) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    const entry: Entry = { addresses: lookup(host), expiresAt: now() + options.ttlMs };
    entries.set(host, entry);
    entry.addresses.then(
      () => {
        entry.expiresAt = now() + options.ttlMs;
      },
      () => {
        if (entries.get(host) === entry) entries.delete(host);
      },
    );
    return entry.addresses;
  };
}
