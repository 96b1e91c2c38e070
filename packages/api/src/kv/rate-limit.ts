/**
 * Request throttling on top of the cache port, so limits hold across every API instance
 * that shares the cache. `createRateLimiter` counts hits in fixed windows (one atomic
 * `incr` per hit); `createBackoff` locks out a key (a login name, an address) for a window
 * that doubles with each consecutive failure, which makes password guessing slow without
 * locking out a user for long after one typo.
 */

import type { Cache } from "./port.ts";

export interface RateLimitRule {
  /** Hits allowed per window. */
  readonly limit: number;
  readonly windowMs: number;
}

export interface RateLimitResult {
  readonly allowed: boolean;
  /** Hits left in this window. */
  readonly remaining: number;
  /** Milliseconds until the window resets (for `Retry-After`). */
  readonly resetMs: number;
}

export interface RateLimiter {
  /** Counts one hit against `key`; hits past the limit are counted too, and refused. */
  hit(key: string, rule: RateLimitRule): Promise<RateLimitResult>;
}

export interface BackoffOptions {
  /** Lock-out after the first penalised failure; each further one doubles it (default 1 s). */
  readonly baseMs?: number;
  /** The lock-out never grows past this (default 15 min). */
  readonly maxMs?: number;
  /** Failures tolerated before any lock-out (default 0). */
  readonly freeFailures?: number;
  /** A failure streak is forgotten this long after it began (default 24 h). */
  readonly forgetAfterMs?: number;
}

export interface Backoff {
  /** Records a failure; returns the lock-out now in force in ms (0 while still free). */
  penalty(key: string): Promise<number>;
  /** Milliseconds until `key` may try again; 0 when it is not locked out. */
  lockedFor(key: string): Promise<number>;
  /** Ends the streak, as after a successful login. */
  clear(key: string): Promise<void>;
}

export function createRateLimiter(cache: Cache, prefix = "rl:"): RateLimiter {
  return {
    async hit(key, { limit, windowMs }) {
      const count = await cache.incr(prefix + key, 1, windowMs);
      const ttl = await cache.ttl(prefix + key);
      // -2: the window ended between the two calls; -1 cannot come from incr, so assume a full window.
      const resetMs = ttl === -2 ? 0 : ttl === -1 ? windowMs : ttl;
      return { allowed: count <= limit, remaining: Math.max(0, limit - count), resetMs };
    },
  };
}

/** The lock-out for the `failures`-th failure: base · 2^(n − free − 1), capped. */
export function lockoutMs(failures: number, options: Required<BackoffOptions>): number {
  const penalised = failures - options.freeFailures;
  if (penalised <= 0) return 0;
  return Math.min(options.maxMs, options.baseMs * 2 ** Math.min(penalised - 1, 52));
}

export function createBackoff(cache: Cache, options: BackoffOptions = {}, prefix = "bo:"): Backoff {
  const settings: Required<BackoffOptions> = {
    baseMs: options.baseMs ?? 1000,
    maxMs: options.maxMs ?? 15 * 60_000,
    freeFailures: options.freeFailures ?? 0,
    forgetAfterMs: options.forgetAfterMs ?? 24 * 60 * 60_000,
  };
  const failKey = (key: string): string => `${prefix}fail:${key}`;
  const lockKey = (key: string): string => `${prefix}lock:${key}`;
  return {
    async penalty(key) {
      // incr keeps the count exact when a burst of guesses fails at once.
      const failures = await cache.incr(failKey(key), 1, settings.forgetAfterMs);
      const lockMs = lockoutMs(failures, settings);
      if (lockMs > 0) await cache.set(lockKey(key), String(failures), lockMs);
      return lockMs;
    },
    async lockedFor(key) {
      return Math.max(0, await cache.ttl(lockKey(key)));
    },
    async clear(key) {
      await Promise.all([cache.del(failKey(key)), cache.del(lockKey(key))]);
    },
  };
}
