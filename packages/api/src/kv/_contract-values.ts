/** Contract: plain values, TTLs and counters. */

import { describe, expect, test } from "bun:test";
import type { ContractContext } from "./contract.ts";

export function describeValueContract(t: ContractContext): void {
  describe("values", () => {
    test("returns null for a key never set", async () => {
      expect(await t.cache.get(t.key("missing"))).toBeNull();
    });

    test("returns the last value set and forgets it after del", async () => {
      const key = t.key("value");
      await t.cache.set(key, "one");
      await t.cache.set(key, "two");
      expect(await t.cache.get(key)).toBe("two");
      await t.cache.del(key);
      expect(await t.cache.get(key)).toBeNull();
      await t.cache.del(key);
    });

    test("drops a value once its TTL has passed", async () => {
      const key = t.key("ttl");
      await t.cache.set(key, "short", 100);
      expect(await t.cache.get(key)).toBe("short");
      await Bun.sleep(160);
      expect(await t.cache.get(key)).toBeNull();
    });

    test("clears an earlier TTL when set again without one", async () => {
      const key = t.key("persist");
      await t.cache.set(key, "a", 100);
      await t.cache.set(key, "b");
      expect(await t.cache.ttl(key)).toBe(-1);
    });

    test("stores with setIfAbsent only while the key is absent", async () => {
      const key = t.key("nx");
      expect(await t.cache.setIfAbsent(key, "first", 100)).toBe(true);
      expect(await t.cache.setIfAbsent(key, "second", 100)).toBe(false);
      expect(await t.cache.get(key)).toBe("first");
      await Bun.sleep(160);
      expect(await t.cache.setIfAbsent(key, "third", 1000)).toBe(true);
      expect(await t.cache.get(key)).toBe("third");
    });

    test("reports ttl as -2 when absent, -1 without a TTL, else the ms left", async () => {
      const [absent, forever, timed] = [t.key("absent"), t.key("forever"), t.key("timed")];
      await t.cache.set(forever, "x");
      await t.cache.set(timed, "x", 1000);
      expect(await t.cache.ttl(absent)).toBe(-2);
      expect(await t.cache.ttl(forever)).toBe(-1);
      const left = await t.cache.ttl(timed);
      expect(left).toBeGreaterThan(800);
      expect(left).toBeLessThanOrEqual(1000);
    });

    test("shares keys between two handles on one backend", async () => {
      const other = await t.open();
      const key = t.key("shared");
      await t.cache.set(key, "from-a");
      expect(await other.get(key)).toBe("from-a");
    });

    test("rejects a TTL that is not a positive whole number of ms", async () => {
      const key = t.key("bad-ttl");
      await expect(t.cache.set(key, "x", 0)).rejects.toThrow(RangeError);
      await expect(t.cache.setIfAbsent(key, "x", -5)).rejects.toThrow(RangeError);
      await expect(t.cache.incr(key, 1, 1.5)).rejects.toThrow(RangeError);
      await expect(t.cache.acquire(key, "o", Number.NaN)).rejects.toThrow(RangeError);
      expect(await t.cache.get(key)).toBeNull();
    });
  });

  describe("counters", () => {
    test("creates a counter with the TTL and keeps that TTL while adding", async () => {
      const key = t.key("counter");
      expect(await t.cache.incr(key, 1, 1000)).toBe(1);
      expect(await t.cache.incr(key, 2, 60_000)).toBe(3);
      expect(await t.cache.incr(key, -5, 60_000)).toBe(-2);
      const left = await t.cache.ttl(key);
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(1000);
      expect(await t.cache.get(key)).toBe("-2");
    });

    test("starts a new window once the counter has expired", async () => {
      const key = t.key("window");
      await t.cache.incr(key, 1, 100);
      expect(await t.cache.incr(key, 1, 100)).toBe(2);
      await Bun.sleep(160);
      expect(await t.cache.incr(key, 1, 100)).toBe(1);
    });

    test("counts 200 concurrent increments exactly", async () => {
      const key = t.key("burst");
      const other = await t.open();
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? t.cache : other).incr(key, 1, 5000)),
      );
      expect(results.toSorted((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(await t.cache.get(key)).toBe("200");
    });

    test("rejects a fractional step and a value that is not an integer", async () => {
      const key = t.key("not-int");
      await expect(t.cache.incr(key, 0.5, 1000)).rejects.toThrow(RangeError);
      await t.cache.set(key, "abc");
      await expect(t.cache.incr(key, 1, 1000)).rejects.toThrow();
      expect(await t.cache.get(key)).toBe("abc");
    });
  });
}
