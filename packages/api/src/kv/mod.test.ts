import { describe, expect, test } from "bun:test";
import { REDIS_URL } from "./_test-backends.ts";
import { openCache } from "./mod.ts";

describe("openCache", () => {
  test("opens the in-process cache for memory:", async () => {
    const cache = await openCache("memory:");
    expect(cache.kind).toBe("memory");
    await cache.ping();
    await cache.close();
  });

  test("opens a Redis cache for redis:// URLs", async () => {
    const cache = await openCache(REDIS_URL, { keyPrefix: `nevewatch-test:${crypto.randomUUID()}:` });
    expect(cache.kind).toBe("redis");
    await cache.ping();
    await cache.close();
  });

  test("opens a Redis cache for rediss:// URLs too", async () => {
    const cache = await openCache("rediss://127.0.0.1:1", { logger: { warn: () => undefined } });
    expect(cache.kind).toBe("redis");
    await cache.close();
  });

  test("names the bad value, password masked, for any other scheme", async () => {
    await expect(openCache("mongodb://u:hunter2@db:27017")).rejects.toThrow(
      'Unsupported cache URL "mongodb://u:***@db:27017": use "memory:", "redis://" or "rediss://"',
    );
    await expect(openCache("")).rejects.toThrow('Unsupported cache URL ""');
    await expect(openCache("localhost:6379")).rejects.toThrow('Unsupported cache URL "localhost:6379"');
  });
});
