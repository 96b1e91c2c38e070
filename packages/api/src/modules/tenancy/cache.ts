/**
 * Cache keys of tenant resolution. Writers of stores and domains call `forgetStore` /
 * `forgetHost` so a suspension or a removed domain takes effect on every instance at once
 * (the cache is shared); the short TTL bounds staleness if a delete is ever missed.
 */
import type { Cache } from "../../kv/port.ts";

export const NONE = "-";

export const hostKey = (host: string): string => `tenant:host:${host.toLowerCase()}`;
export const slugKey = (slug: string): string => `tenant:slug:${slug.toLowerCase()}`;
export const refKey = (ref: string): string => `tenant:ref:${ref.toLowerCase()}`;
export const storeKey = (id: string): string => `tenant:store:${id}`;

/** Drops the cached copy of a store and its lookups (after creation, an update, suspension or reactivation). */
export async function forgetStore(cache: Cache, store: { _id: string; slug: string }): Promise<void> {
  await Promise.all([
    cache.del(storeKey(store._id)),
    cache.del(slugKey(store.slug)),
    cache.del(refKey(store.slug)),
    cache.del(refKey(store._id)),
  ]);
}

/** Drops a cached host mapping (after a domain is verified or removed). */
export async function forgetHost(cache: Cache, host: string): Promise<void> {
  await cache.del(hostKey(host));
}
