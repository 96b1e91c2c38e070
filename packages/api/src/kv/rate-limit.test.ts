import { afterAll, afterEach, beforeEach, describe, expect, test } from "bun:test";
import { TEST_BACKENDS } from "./_test-backends.ts";
import type { Cache } from "./port.ts";
import { createBackoff, createRateLimiter, lockoutMs } from "./rate-limit.ts";

const key = (label: string): string => `${label}:${crypto.randomUUID()}`;

for (const backend of TEST_BACKENDS) {
  describe(`rate limiting on the ${backend.name} cache`, () => {
    let cache: Cache;
    beforeEach(async () => {
      cache = await backend.open();
    });
    afterEach(async () => {
      await cache.close();
    });
    afterAll(async () => {
      await backend.clean();
    });

    test("allows hits up to the limit, then refuses and says when the window resets", async () => {
      const limiter = createRateLimiter(cache);
      const ip = key("ip");
      const rule = { limit: 3, windowMs: 1000 };
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await limiter.hit(ip, rule));
      expect(results.map((r) => [r.allowed, r.remaining])).toEqual([
        [true, 2],
        [true, 1],
        [true, 0],
        [false, 0],
      ]);
      expect(results[3]?.resetMs).toBeGreaterThan(0);
      expect(results[3]?.resetMs).toBeLessThanOrEqual(1000);
    });

    test("opens a fresh window once the last one has passed", async () => {
      const limiter = createRateLimiter(cache);
      const ip = key("window");
      const rule = { limit: 1, windowMs: 100 };
      expect((await limiter.hit(ip, rule)).allowed).toBe(true);
      expect((await limiter.hit(ip, rule)).allowed).toBe(false);
      await Bun.sleep(160);
      expect((await limiter.hit(ip, rule)).allowed).toBe(true);
    });

    test("admits exactly the limit when 40 hits arrive at once, and keeps keys apart", async () => {
      const limiter = createRateLimiter(cache);
      const [busy, quiet] = [key("busy"), key("quiet")];
      const rule = { limit: 5, windowMs: 1000 };
      const results = await Promise.all(Array.from({ length: 40 }, () => limiter.hit(busy, rule)));
      expect(results.filter((r) => r.allowed)).toHaveLength(5);
      expect(await limiter.hit(quiet, rule)).toMatchObject({ allowed: true, remaining: 4 });
    });

    test("doubles the lock-out with each consecutive failure, up to the cap", async () => {
      const backoff = createBackoff(cache, { baseMs: 100, maxMs: 400 });
      const login = key("login");
      const locks = [];
      for (let i = 0; i < 5; i++) locks.push(await backoff.penalty(login));
      expect(locks).toEqual([100, 200, 400, 400, 400]);
      const left = await backoff.lockedFor(login);
      expect(left).toBeGreaterThan(300);
      expect(left).toBeLessThanOrEqual(400);
    });

    test("tolerates the free failures before the first lock-out", async () => {
      const backoff = createBackoff(cache, { baseMs: 100, freeFailures: 2 });
      const login = key("free");
      expect([await backoff.penalty(login), await backoff.penalty(login)]).toEqual([0, 0]);
      expect(await backoff.lockedFor(login)).toBe(0);
      expect(await backoff.penalty(login)).toBe(100);
    });

    test("lets the key try again once its lock-out has passed", async () => {
      const backoff = createBackoff(cache, { baseMs: 80 });
      const login = key("expires");
      await backoff.penalty(login);
      expect(await backoff.lockedFor(login)).toBeGreaterThan(0);
      await Bun.sleep(130);
      expect(await backoff.lockedFor(login)).toBe(0);
    });

    test("ends the streak on clear, so the next failure starts from the base again", async () => {
      const backoff = createBackoff(cache, { baseMs: 100 });
      const login = key("clear");
      await backoff.penalty(login);
      await backoff.penalty(login);
      await backoff.clear(login);
      expect(await backoff.lockedFor(login)).toBe(0);
      expect(await backoff.penalty(login)).toBe(100);
    });

    test("forgets a streak once forgetAfterMs has passed since it began", async () => {
      const backoff = createBackoff(cache, { baseMs: 10, forgetAfterMs: 100 });
      const login = key("forget");
      expect([await backoff.penalty(login), await backoff.penalty(login)]).toEqual([10, 20]);
      await Bun.sleep(160);
      expect(await backoff.penalty(login)).toBe(10);
    });
  });
}

describe("lockoutMs", () => {
  const options = { baseMs: 1000, maxMs: 60_000, freeFailures: 1, forgetAfterMs: 1 };

  test("is zero within the free failures and base·2^n after them", () => {
    expect([0, 1, 2, 3, 4].map((n) => lockoutMs(n, options))).toEqual([0, 0, 1000, 2000, 4000]);
  });

  test("stays at the cap however long the streak grows", () => {
    expect(lockoutMs(10_000, options)).toBe(60_000);
  });
});
