/**
 * Screen leases across API instances: two caches on one Redis (and one database) stand for two
 * instances; the plan's limit must hold across them, and a lapsed lease frees its screen for both.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Principal } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { openCache } from "../../kv/mod.ts";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { acquireScreen, activeScreens, releaseScreen } from "./lease.ts";
import { revokeAllScreens } from "./revoke.ts";

// Tests may read the environment: CI points them at its Redis.
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

type Instance = Pick<AppContext, "store" | "cache">;

let kit: Kit;
let one: Instance;
let two: Instance;
let storeId: string;
let planId: string;
const viewers: Principal[] = [];

beforeAll(async () => {
  kit = await createKit();
  const keyPrefix = `nevewatch-test:screens:${crypto.randomUUID()}:`;
  one = { store: kit.ctx.store, cache: await openCache(REDIS_URL, { keyPrefix }) };
  two = { store: kit.ctx.store, cache: await openCache(REDIS_URL, { keyPrefix }) };
  await Promise.all([one.cache.ping(), two.cache.ping()]);
  storeId = await kit.store();
  const plan = await kit.call("POST", "/v1/plans", {
    as: kit.owner(storeId),
    body: { name: "Duo", price: 800, currency: "EUR", durationDays: 30, screens: 2 },
  });
  planId = plan.body.id;
});
afterAll(async () => {
  // Leave nothing behind in the shared Redis.
  await Promise.all(viewers.map((v) => revokeAllScreens(one, { storeId, viewerId: v.id })));
  await Promise.all([one.cache.close(), two.cache.close()]);
  await kit.dispose();
});

async function subscribedViewer(): Promise<Principal> {
  const viewer = await kit.viewer(storeId);
  await kit.call("POST", "/v1/subscriptions", {
    as: kit.owner(storeId),
    body: { viewerId: viewer.id, planId },
  });
  viewers.push(viewer);
  return viewer;
}

const ask = (instance: Instance, viewer: Principal, sessionId: string, ttlMs = 60_000) =>
  acquireScreen(instance, { storeId, viewerId: viewer.id, sessionId, ttlMs });

test("a 2-screen plan holds across instances, and a release on one frees a screen for the other", async () => {
  const viewer = await subscribedViewer();
  expect(await ask(one, viewer, "tv")).toMatchObject({ ok: true });
  expect(await ask(two, viewer, "phone")).toMatchObject({ ok: true });
  expect(await ask(one, viewer, "laptop")).toEqual({
    ok: false,
    code: "screen_limit_reached",
    limit: 2,
    active: 2,
  });
  expect(await ask(two, viewer, "laptop")).toMatchObject({ ok: false, active: 2 });
  await releaseScreen(two, { storeId, viewerId: viewer.id, sessionId: "tv" });
  expect(await ask(one, viewer, "laptop")).toMatchObject({ ok: true });
  const seen = await activeScreens(two, { storeId, viewerId: viewer.id });
  expect(seen.map((s) => s.sessionId).sort()).toEqual(["laptop", "phone"]);
});

test("a lease taken on one instance and never renewed lapses for the other", async () => {
  const viewer = await subscribedViewer();
  expect(await ask(one, viewer, "a", 80)).toMatchObject({ ok: true });
  expect(await ask(one, viewer, "b", 80)).toMatchObject({ ok: true });
  expect((await ask(two, viewer, "c", 80)).ok).toBe(false);
  await Bun.sleep(150);
  expect(await ask(two, viewer, "c", 80)).toMatchObject({ ok: true });
});
