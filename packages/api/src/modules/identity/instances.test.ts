import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Answer, createIdentityKit, DEVICE, type IdentityKit } from "./testing.ts";

// Two API instances sharing one Redis cache (each with its own database: only the cache is shared here).
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
let one: IdentityKit;
let two: IdentityKit;
/** A random documentation-range address per run, so counters never collide with other runs. */
const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}-${crypto.randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  const env = { CACHE_URL: REDIS_URL, RATE_LIMIT_AUTH_PER_MIN: "4", LOGIN_FREE_FAILURES: "1" };
  one = await createIdentityKit(env);
  two = await createIdentityKit(env);
  await one.ctx.cache.ping();
});
afterAll(async () => {
  await one.dispose();
  await two.dispose();
});

const login = (kit: IdentityKit, email: string): Promise<Answer> =>
  kit.call("POST", "/v1/auth/login", { body: { email, password: "guess-guess", device: DEVICE }, ip });

describe("limits across instances", () => {
  test("the per-address auth limit and the account lock-out hold across instances sharing Redis", async () => {
    const email = `ghost-${crypto.randomUUID()}@example.com`;
    const statuses = [
      (await login(one, email)).status,
      (await login(two, email)).status,
      (await login(one, `other-${email}`)).status,
      (await login(two, `third-${email}`)).status,
      (await login(one, `fourth-${email}`)).status,
    ];
    // 1st failure is free, the 2nd locks the account on both instances; the 5th request is over the limit.
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect((await login(two, `fifth-${email}`)).headers.get("retry-after")).toMatch(/^\d+$/);
  });

  test("an account locked on one instance is locked on the other", async () => {
    const email = `locked-${crypto.randomUUID()}@example.com`;
    const other = `${ip}-b`;
    const call = (kit: IdentityKit) =>
      kit.call("POST", "/v1/auth/login", {
        body: { email, password: "guess-guess", device: DEVICE },
        ip: other,
      });
    expect((await call(one)).status).toBe(401);
    expect((await call(one)).status).toBe(401);
    const locked = await call(two);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe("rate_limited");
  });
});
