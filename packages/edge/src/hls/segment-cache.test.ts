import { describe, expect, test } from "bun:test";
import { type CachedObject, SegmentCache } from "./segment-cache.ts";

const object = (bytes: number): CachedObject => ({ body: new Uint8Array(bytes), contentType: "video/mp2t" });

describe("segment cache", () => {
  test("coalesces concurrent requests for one key into one load", async () => {
    const cache = new SegmentCache(1_000_000);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await Bun.sleep(20);
      return object(1000);
    };
    const results = await Promise.all(Array.from({ length: 100 }, () => cache.get("a", load)));
    expect(loads).toBe(1);
    expect(new Set(results.map((r) => r.body)).size).toBe(1);
    await cache.get("a", load);
    expect(loads).toBe(1);
    expect(cache.stats()).toMatchObject({ misses: 1, hits: 100, coalesced: 99, entries: 1, bytes: 1000 });
  });

  test("evicts least recently used objects to stay within its byte bound", async () => {
    const cache = new SegmentCache(3000, 3000);
    for (const key of ["a", "b", "c"]) await cache.get(key, async () => object(1000));
    await cache.get("a", async () => object(1000));
    await cache.get("d", async () => object(1000));
    expect(cache.stats()).toMatchObject({ bytes: 3000, entries: 3, evictions: 1 });
    let reloaded = false;
    await cache.get("b", async () => {
      reloaded = true;
      return object(1000);
    });
    expect(reloaded).toBe(true);
  });

  test("does not keep failed loads or objects above the object bound", async () => {
    const cache = new SegmentCache(10_000, 2000);
    await expect(cache.get("x", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await cache.get("big", async () => object(5000));
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
    const ok = await cache.get("x", async () => object(10));
    expect(ok.body.length).toBe(10);
  });
});
