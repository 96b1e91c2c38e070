/**
 * The cache: ephemeral state API instances share (TTL values, counters, leases, bounded
 * slot sets, pub/sub) behind one port, with an in-process adapter for a single node and a
 * Redis adapter for scale-out. Domain code takes a `Cache` and never names an adapter;
 * boot picks one from a URL with `openCache`.
 */

import type { CacheLogger } from "./_shared.ts";
import { redactUrl } from "./_shared.ts";
import { createMemoryCache } from "./memory.ts";
import type { Cache } from "./port.ts";
import { createRedisCache } from "./redis.ts";

export type { CacheLogger } from "./_shared.ts";
export type { Cache, MessageHandler } from "./port.ts";
export {
  type Backoff,
  type BackoffOptions,
  createBackoff,
  createRateLimiter,
  type RateLimiter,
  type RateLimitResult,
  type RateLimitRule,
} from "./rate-limit.ts";

export interface OpenCacheOptions {
  readonly logger?: CacheLogger;
  /** Redis only: prepended to keys and topics to keep tenants or test runs apart. */
  readonly keyPrefix?: string;
}

/**
 * Opens the cache a URL names: `memory:` (one process) or `redis://` / `rediss://`.
 * A Redis cache connects in the background; call `ping()` to wait for and check it.
 */
export async function openCache(url: string, options: OpenCacheOptions = {}): Promise<Cache> {
  const scheme = url.slice(0, url.indexOf(":") + 1).toLowerCase();
  if (scheme === "memory:") {
    return createMemoryCache(options.logger === undefined ? {} : { logger: options.logger });
  }
  if (scheme === "redis:" || scheme === "rediss:") return createRedisCache(url, options);
  throw new Error(`Unsupported cache URL "${redactUrl(url)}": use "memory:", "redis://" or "rediss://"`);
}
