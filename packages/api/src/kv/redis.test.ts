import { afterAll, describe, expect, test } from "bun:test";
import { closeRedis, connectRedis } from "./_redis-connection.ts";
import { cleanRedisForTest, openRedisForTest, REDIS_TEST_PREFIX, REDIS_URL } from "./_test-backends.ts";
import { describeCacheContract, waitFor } from "./contract.ts";
import { createRedisCache } from "./redis.ts";

describeCacheContract("redis", () => openRedisForTest());

afterAll(async () => {
  await cleanRedisForTest();
});

/** A plain client without the prefix, to look at what the adapter really wrote. */
async function withRawClient<T>(use: (raw: ReturnType<typeof connectRedis>) => Promise<T>): Promise<T> {
  const raw = connectRedis(REDIS_URL, {}, "nevewatch-test-raw");
  try {
    return await use(raw);
  } finally {
    await closeRedis(raw);
  }
}

describe("redis cache", () => {
  test("writes every key under its key prefix", async () => {
    const cache = await openRedisForTest();
    await cache.set("prefixed", "v");
    await cache.incr("counter", 1, 1000);
    await cache.slotAcquire("slots", "m", 1, 1000);
    const keys = await withRawClient((raw) => raw.keys(`${REDIS_TEST_PREFIX}*`));
    expect(keys).toEqual(
      expect.arrayContaining(["prefixed", "counter", "slots"].map((k) => REDIS_TEST_PREFIX + k)),
    );
    await cache.close();
  });

  test("keeps tenants with different prefixes apart, keys and topics alike", async () => {
    const a = await openRedisForTest();
    const b = await openRedisForTest({ keyPrefix: `${REDIS_TEST_PREFIX}tenant-b:` });
    await a.set("same-name", "a");
    expect(await b.get("same-name")).toBeNull();
    const [seenA, seenB]: [string[], string[]] = [[], []];
    await a.subscribe("news", (m) => seenA.push(m));
    await b.subscribe("news", (m) => seenB.push(m));
    await b.publish("news", "for-b");
    await a.publish("news", "for-a");
    await waitFor(() => seenA.length > 0 && seenB.length > 0, "both tenants");
    expect([seenA, seenB]).toEqual([["for-a"], ["for-b"]]);
    await Promise.all([a.close(), b.close()]);
  });

  test("shares one Redis SUBSCRIBE among all local handlers of a topic", async () => {
    const cache = await openRedisForTest();
    const channel = `${REDIS_TEST_PREFIX}shared-topic`;
    const numsub = () => withRawClient(async (raw) => Number((await raw.pubsub("NUMSUB", channel))[1]));
    const off = await Promise.all([1, 2, 3].map(() => cache.subscribe("shared-topic", () => undefined)));
    expect(await numsub()).toBe(1);
    await Promise.all(off.map((unsubscribe) => unsubscribe()));
    expect(await numsub()).toBe(0);
    await cache.close();
  });

  test("rejects ping fast and clearly, without crashing, when Redis is down", async () => {
    const warnings: string[] = [];
    const cache = createRedisCache("redis://127.0.0.1:1", {
      logger: { warn: (_obj, msg) => warnings.push(msg) },
    });
    const started = performance.now();
    await expect(cache.ping()).rejects.toThrow('Redis at "redis://127.0.0.1:1" did not answer PING');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(warnings).toContain("Redis connection error");
    await cache.close();
  });

  test("masks the password when it names the server in an error", async () => {
    const cache = createRedisCache("redis://user:secret@127.0.0.1:1", { logger: { warn: () => undefined } });
    const error = await cache.ping().catch((e: unknown) => e);
    expect(String(error)).toContain("redis://user:***@127.0.0.1:1");
    expect(String(error)).not.toContain("secret");
    await cache.close();
  });
});
