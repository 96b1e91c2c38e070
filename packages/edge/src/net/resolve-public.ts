/**
 * Resolves a host for an outgoing connection made on a tenant's say-so and checks every
 * address it resolves to, so one private answer among public ones cannot slip through. The
 * caller connects to the address returned here, never to the name again, so a second lookup
 * answering differently (DNS rebinding) cannot redirect the connection.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { type AddressClass, addressClass } from "./address-class.ts";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to (an IP literal resolves to itself). */
export type Lookup = (host: string) => Promise<ResolvedAddress[]>;

export const systemLookup: Lookup = async (host) =>
  (await dnsLookup(host, { all: true, order: "verbatim" })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export type Resolution =
  | {
      ok: true;
      /** The first address, to connect to. */
      address: ResolvedAddress;
      /** Every address, all checked, in the resolver's order (to try the next when one refuses). */
      addresses: ResolvedAddress[];
    }
  | { ok: false; reason: "unresolved" }
  | {
      ok: false;
      reason: "not_public";
      /** The first address that may not be connected to. */
      address: string;
      addressClass: Exclude<AddressClass, "public">;
    };

export interface ResolveOptions {
  /** Let loopback, private and other non-public addresses through (tests, local demos). */
  allowPrivate: boolean;
  lookup?: Lookup;
  signal?: AbortSignal;
}

/** `work`, or the signal's reason once it aborts first (a DNS lookup itself cannot be cancelled). */
async function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  signal.throwIfAborted();
  const aborted = Promise.withResolvers<never>();
  const abort = () => aborted.reject(signal.reason);
  signal.addEventListener("abort", abort, { once: true });
  try {
    return await Promise.race([work, aborted.promise]);
  } finally {
    signal.removeEventListener("abort", abort);
  }
}

/** The addresses of `host` when every one it resolves to may be connected to. */
export async function resolvePublic(host: string, options: ResolveOptions): Promise<Resolution> {
  const name = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  let addresses: ResolvedAddress[];
  try {
    addresses = await abortable((options.lookup ?? systemLookup)(name), options.signal);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return { ok: false, reason: "unresolved" };
  }
  const first = addresses[0];
  if (!first) return { ok: false, reason: "unresolved" };
  if (!options.allowPrivate) {
    for (const { address } of addresses) {
      const kind = addressClass(address);
      if (kind !== "public") return { ok: false, reason: "not_public", address, addressClass: kind };
    }
  }
  return { ok: true, address: first, addresses };
}
