import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Principal } from "../../auth/principal.ts";
import { plantPackages } from "../catalog/testing.ts";
import { expireDueSubscriptions } from "../subscriptions/mod.ts";
import { canWatch } from "./can-watch.ts";
import { createKit, type Kit } from "./testing.ts";

let kit: Kit;
let store: string;
let owner: Principal;
let planId: string;

const NEWS = ["pkg-news"];

beforeAll(async () => {
  kit = await createKit();
  store = await kit.store();
  owner = kit.owner(store);
  await plantPackages(kit.ctx, store, ["pkg-news", "pkg-docs"]);
  const plan = await kit.call("POST", "/v1/plans", {
    as: owner,
    body: {
      name: "News",
      price: 500,
      currency: "EUR",
      durationDays: 30,
      screens: 2,
      packageIds: ["pkg-news", "pkg-docs"],
    },
  });
  planId = plan.body.id;
});
afterAll(() => kit.dispose());

async function subscribed(extra: Record<string, unknown> = {}) {
  const viewer = await kit.viewer(store);
  const res = await kit.call("POST", "/v1/subscriptions", {
    as: owner,
    body: { viewerId: viewer.id, planId, ...extra },
  });
  return { viewer, subId: res.body.id as string };
}

function ask(viewerId: string, packageIds: string[] = NEWS, storeId = store) {
  return canWatch(kit.ctx, { storeId, viewerId, streamId: "ch-1", packageIds });
}

describe("canWatch", () => {
  test("allows a stream in the plan and returns the plan and its screens", async () => {
    const { viewer } = await subscribed();
    const decision = await ask(viewer.id, ["pkg-sports", "pkg-docs"]);
    expect(decision).toMatchObject({ allowed: true, screens: 2, plan: { id: planId, name: "News" } });
  });

  test("no_subscription for a viewer who never had one", async () => {
    const viewer = await kit.viewer(store);
    expect(await ask(viewer.id)).toMatchObject({ allowed: false, code: "no_subscription" });
  });

  test("no_subscription after a revoke", async () => {
    const { viewer, subId } = await subscribed();
    await kit.call("POST", `/v1/subscriptions/${subId}/revoke`, { as: owner, body: {} });
    expect(await ask(viewer.id)).toMatchObject({ allowed: false, code: "no_subscription" });
  });

  test("subscription_expired once the sweep expired it", async () => {
    const { viewer } = await subscribed({ endsAt: new Date(Date.now() + 86_400_000).toISOString() });
    await expireDueSubscriptions(kit.ctx, new Date(Date.now() + 2 * 86_400_000));
    expect(await ask(viewer.id)).toMatchObject({ allowed: false, code: "subscription_expired" });
  });

  test("subscription_expired as soon as the end passes, before any sweep", async () => {
    const { viewer } = await subscribed({ endsAt: new Date(Date.now() + 60).toISOString() });
    expect((await ask(viewer.id)).allowed).toBe(true);
    await Bun.sleep(80);
    expect(await ask(viewer.id)).toMatchObject({ allowed: false, code: "subscription_expired" });
  });

  test("subscription_suspended while suspended, allowed again after resume", async () => {
    const { viewer, subId } = await subscribed();
    await kit.call("POST", `/v1/subscriptions/${subId}/suspend`, { as: owner, body: {} });
    expect(await ask(viewer.id)).toMatchObject({ allowed: false, code: "subscription_suspended" });
    await kit.call("POST", `/v1/subscriptions/${subId}/resume`, { as: owner, body: {} });
    expect((await ask(viewer.id)).allowed).toBe(true);
  });

  test("not_in_plan for a stream outside the plan's packages, or in none", async () => {
    const { viewer } = await subscribed();
    expect(await ask(viewer.id, ["pkg-sports"])).toMatchObject({ allowed: false, code: "not_in_plan" });
    expect(await ask(viewer.id, [])).toMatchObject({ allowed: false, code: "not_in_plan" });
  });

  test("store_suspended in a suspended store", async () => {
    const suspended = await kit.store({ suspended: true });
    const viewer = await kit.viewer(suspended);
    expect(await ask(viewer.id, NEWS, suspended)).toMatchObject({ allowed: false, code: "store_suspended" });
  });

  test("a subscription in one store entitles nothing in another", async () => {
    const { viewer } = await subscribed();
    const other = await kit.store();
    expect(await ask(viewer.id, NEWS, other)).toMatchObject({ allowed: false, code: "no_subscription" });
  });

  test("every denial carries a message", async () => {
    const viewer = await kit.viewer(store);
    const decision = await ask(viewer.id);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.message.length).toBeGreaterThan(0);
  });
});
