/**
 * How the tests open each adapter: one shared backend per test run, so the contract can
 * check that two handles see the same state. Redis runs under a random key prefix and
 * `cleanRedisForTest` removes that prefix's keys afterwards. Redis is required, not
 * optional: when it is unreachable the suites fail and say so, because CI depends on them.
 */

import { closeRedis, connectRedis } from "./_redis-connection.ts";
import { redactUrl } from "./_shared.ts";
import { createMemoryBackend, createMemoryCache } from "./memory.ts";
import type { Cache } from "./port.ts";
import { createRedisCache, type RedisCacheOptions } from "./redis.ts";

/** Tests are the one place besides config that read the environment: CI points them at its Redis. */
export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const REDIS_TEST_PREFIX = `nevewatch-test:${crypto.randomUUID()}:`;

const memoryBackend = createMemoryBackend();

export async function openMemoryForTest(): Promise<Cache> {
  return createMemoryCache({ backend: memoryBackend });
}

export async function openRedisForTest(options: RedisCacheOptions = {}): Promise<Cache> {
  const cache = createRedisCache(REDIS_URL, { keyPrefix: REDIS_TEST_PREFIX, ...options });
  try {
    await cache.ping();
  } catch (error: unknown) {
    await cache.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `The Redis cache tests need a live Redis at "${redactUrl(REDIS_URL)}" (start redis-server or set REDIS_URL): ${reason}`,
      { cause: error },
    );
  }
  return cache;
}

/** Deletes every key this run created; quiet when Redis is down, so the real failure shows. */
export async function cleanRedisForTest(): Promise<number> {
  const client = connectRedis(REDIS_URL, {}, "nevewatch-test-cleanup");
  let removed = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", `${REDIS_TEST_PREFIX}*`, "COUNT", 1000);
      if (keys.length > 0) removed += await client.unlink(...keys);
      cursor = next;
    } while (cursor !== "0");
  } catch {
    // Nothing to clean when the server is unreachable; the suite has already failed on it.
  } finally {
    await closeRedis(client);
  }
  return removed;
}

export interface TestBackend {
  readonly name: "memory" | "redis";
  readonly open: () => Promise<Cache>;
  readonly clean: () => Promise<unknown>;
}

/** Both adapters, for suites such as the rate limiter that run on top of the port. */
export const TEST_BACKENDS: readonly TestBackend[] = [
  { name: "memory", open: openMemoryForTest, clean: async () => undefined },
  { name: "redis", open: () => openRedisForTest(), clean: cleanRedisForTest },
];
