import { describe, expect, test } from "bun:test";
import { describeCacheContract } from "./contract.ts";
import { createMemoryBackend, createMemoryCache } from "./memory.ts";

// Every handle shares one backend: the contract's "second API instance" in one process.
const shared = createMemoryBackend();
describeCacheContract("memory", async () => createMemoryCache({ backend: shared }));

describe("memory cache", () => {
  test("runs subscriber code after publish returns, never inside it", async () => {
    const cache = createMemoryCache();
    let called = false;
    await cache.subscribe("t", () => {
      called = true;
    });
    const published = cache.publish("t", "m");
    expect(called).toBe(false);
    await published;
    await Bun.sleep(0);
    expect(called).toBe(true);
    await cache.close();
  });

  test("sweeps expired keys that nobody reads again", async () => {
    const backend = createMemoryBackend({ sweepIntervalMs: 20 });
    const cache = createMemoryCache({ backend });
    await cache.set("a", "1", 30);
    await cache.slotAcquire("s", "m", 1, 30);
    expect(backend.size).toBe(2);
    await Bun.sleep(80);
    expect(backend.size).toBe(0);
    await cache.close();
  });

  test("stops the sweep timer when the last handle on a backend closes", async () => {
    const backend = createMemoryBackend();
    const [a, b] = [createMemoryCache({ backend }), createMemoryCache({ backend })];
    expect(backend.sweeping).toBe(true);
    await a.close();
    expect(backend.sweeping).toBe(true);
    await b.close();
    expect(backend.sweeping).toBe(false);
  });

  test("keeps separate caches apart when they do not share a backend", async () => {
    const [a, b] = [createMemoryCache(), createMemoryCache()];
    await a.set("k", "v");
    expect(await b.get("k")).toBeNull();
    await Promise.all([a.close(), b.close()]);
  });

  test("logs a throwing subscriber through the injected logger", async () => {
    const warnings: string[] = [];
    const cache = createMemoryCache({ logger: { warn: (_obj, msg) => warnings.push(msg) } });
    await cache.subscribe("t", () => {
      throw new Error("boom");
    });
    await cache.publish("t", "m");
    await Bun.sleep(0);
    expect(warnings).toEqual(["Cache subscriber threw while handling a message"]);
    await cache.close();
  });
});
