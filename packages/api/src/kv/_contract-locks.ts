/** Contract: leases (locks with an owner) and bounded slot sets. */

import { describe, expect, test } from "bun:test";
import type { ContractContext } from "./contract.ts";
import type { Cache } from "./port.ts";

/** Runs `count` calls at once, split over two handles as racing API instances would be. */
async function race<T>(t: ContractContext, count: number, call: (cache: Cache, i: number) => Promise<T>) {
  const [first, second] = [t.cache, await t.open()];
  return Promise.all(Array.from({ length: count }, (_, i) => call(i % 2 === 0 ? first : second, i)));
}

export function describeLockContract(t: ContractContext): void {
  describe("leases", () => {
    test("blocks other owners, and the holder too, while a lease is held", async () => {
      const key = t.key("lease");
      expect(await t.cache.acquire(key, "a", 1000)).toBe(true);
      expect(await t.cache.acquire(key, "b", 1000)).toBe(false);
      expect(await t.cache.acquire(key, "a", 1000)).toBe(false);
    });

    test("renews only for the owner that holds the lease", async () => {
      const key = t.key("renew");
      await t.cache.acquire(key, "a", 100);
      expect(await t.cache.renew(key, "b", 1000)).toBe(false);
      expect(await t.cache.renew(key, "a", 1000)).toBe(true);
      await Bun.sleep(160);
      expect(await t.cache.acquire(key, "b", 1000)).toBe(false);
      expect(await t.cache.ttl(key)).toBeGreaterThan(500);
    });

    test("releases only for the owner that holds the lease", async () => {
      const key = t.key("release");
      await t.cache.acquire(key, "a", 1000);
      expect(await t.cache.release(key, "b")).toBe(false);
      expect(await t.cache.acquire(key, "b", 1000)).toBe(false);
      expect(await t.cache.release(key, "a")).toBe(true);
      expect(await t.cache.acquire(key, "b", 1000)).toBe(true);
    });

    test("lapses after its TTL, after which the old owner can neither renew nor release", async () => {
      const key = t.key("lapse");
      await t.cache.acquire(key, "a", 100);
      await Bun.sleep(160);
      expect(await t.cache.renew(key, "a", 1000)).toBe(false);
      expect(await t.cache.acquire(key, "b", 1000)).toBe(true);
      expect(await t.cache.release(key, "a")).toBe(false);
      expect(await t.cache.get(key)).toBe("b");
    });

    test("grants a lease to exactly one of 50 owners racing on two handles", async () => {
      const key = t.key("lease-race");
      const results = await race(t, 50, (cache, i) => cache.acquire(key, `owner-${i}`, 1000));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  describe("slot sets", () => {
    test("refuses a third member when the limit is two", async () => {
      const key = t.key("slots");
      expect(await t.cache.slotAcquire(key, "a", 2, 1000)).toBe(true);
      expect(await t.cache.slotAcquire(key, "b", 2, 1000)).toBe(true);
      expect(await t.cache.slotAcquire(key, "c", 2, 1000)).toBe(false);
      expect((await t.cache.slotMembers(key)).toSorted()).toEqual(["a", "b"]);
    });

    test("lets a member already in a full set acquire again, refreshing its expiry", async () => {
      const key = t.key("refresh");
      await t.cache.slotAcquire(key, "a", 2, 100);
      await t.cache.slotAcquire(key, "b", 2, 1000);
      await Bun.sleep(50);
      expect(await t.cache.slotAcquire(key, "a", 2, 1000)).toBe(true);
      await Bun.sleep(100);
      expect((await t.cache.slotMembers(key)).toSorted()).toEqual(["a", "b"]);
      expect(await t.cache.slotAcquire(key, "c", 2, 1000)).toBe(false);
    });

    test("frees a slot when its member releases it", async () => {
      const key = t.key("free");
      await t.cache.slotAcquire(key, "a", 2, 1000);
      await t.cache.slotAcquire(key, "b", 2, 1000);
      await t.cache.slotRelease(key, "a");
      await t.cache.slotRelease(key, "never-joined");
      expect(await t.cache.slotAcquire(key, "c", 2, 1000)).toBe(true);
      expect((await t.cache.slotMembers(key)).toSorted()).toEqual(["b", "c"]);
    });

    test("frees a slot when its member lapses", async () => {
      const key = t.key("lapse");
      await t.cache.slotAcquire(key, "a", 2, 100);
      await t.cache.slotAcquire(key, "b", 2, 1000);
      await Bun.sleep(160);
      expect(await t.cache.slotMembers(key)).toEqual(["b"]);
      expect(await t.cache.slotAcquire(key, "c", 2, 1000)).toBe(true);
    });

    test("renews a live member and refuses one that lapsed or never joined", async () => {
      const key = t.key("slot-renew");
      await t.cache.slotAcquire(key, "a", 2, 100);
      await t.cache.slotAcquire(key, "b", 2, 100);
      expect(await t.cache.slotRenew(key, "a", 1000)).toBe(true);
      expect(await t.cache.slotRenew(key, "z", 1000)).toBe(false);
      await Bun.sleep(160);
      expect(await t.cache.slotRenew(key, "b", 1000)).toBe(false);
      expect(await t.cache.slotMembers(key)).toEqual(["a"]);
    });

    test("admits exactly 5 of 50 members racing on two handles for a limit of 5", async () => {
      const key = t.key("slot-race");
      const results = await race(t, 50, (cache, i) => cache.slotAcquire(key, `m${i}`, 5, 1000));
      const winners = results.flatMap((won, i) => (won ? [`m${i}`] : []));
      expect(winners).toHaveLength(5);
      expect((await t.cache.slotMembers(key)).toSorted()).toEqual(winners.toSorted());
    });

    test("keeps the set key only as long as its longest-lived member", async () => {
      const key = t.key("slot-ttl");
      await t.cache.slotAcquire(key, "a", 3, 100);
      await t.cache.slotAcquire(key, "b", 3, 120);
      const left = await t.cache.ttl(key);
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(120);
      await Bun.sleep(180);
      expect(await t.cache.ttl(key)).toBe(-2);
      expect(await t.cache.slotMembers(key)).toEqual([]);
    });

    test("refuses everyone for a limit of 0 and rejects a negative or fractional limit", async () => {
      const key = t.key("slot-limit");
      expect(await t.cache.slotAcquire(key, "a", 0, 1000)).toBe(false);
      await expect(t.cache.slotAcquire(key, "a", -1, 1000)).rejects.toThrow(RangeError);
      await expect(t.cache.slotAcquire(key, "a", 1.5, 1000)).rejects.toThrow(RangeError);
    });

    test("rejects value reads on a slot set key and slot calls on a value key", async () => {
      const [slots, value] = [t.key("typed-slots"), t.key("typed-value")];
      await t.cache.slotAcquire(slots, "a", 1, 1000);
      await t.cache.set(value, "x");
      await expect(t.cache.get(slots)).rejects.toThrow();
      await expect(t.cache.slotAcquire(value, "a", 1, 1000)).rejects.toThrow();
    });
  });
}
