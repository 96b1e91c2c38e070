import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Principal } from "../../auth/principal.ts";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { expireDueSubscriptions } from "./expire.ts";

let kit: Kit;
let storeA: string;
let storeB: string;

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

beforeAll(async () => {
  kit = await createKit();
  storeA = await kit.store();
  storeB = await kit.store();
});
afterAll(() => kit.dispose());

async function planIn(storeId: string): Promise<string> {
  const res = await kit.call("POST", "/v1/plans", {
    as: kit.owner(storeId),
    body: { name: "Basic", price: 500, currency: "EUR", durationDays: 30, screens: 1 },
  });
  return res.body.id;
}

async function subscription(storeId: string, planId: string, endsAt: string, then?: string) {
  const owner: Principal = kit.owner(storeId);
  const viewer = await kit.viewer(storeId);
  const res = await kit.call("POST", "/v1/subscriptions", {
    as: owner,
    body: { viewerId: viewer.id, planId, endsAt },
  });
  if (then) await kit.call("POST", `/v1/subscriptions/${res.body.id}/${then}`, { as: owner, body: {} });
  return { id: res.body.id as string, viewer };
}

async function statusOf(storeId: string, id: string) {
  return (await kit.call("GET", `/v1/subscriptions/${id}`, { as: kit.owner(storeId) })).body;
}

test("expires exactly the current subscriptions whose end passed, in every store, once", async () => {
  const [planA, planB] = [await planIn(storeA), await planIn(storeB)];
  const due = await subscription(storeA, planA, inDays(1));
  const dueSuspended = await subscription(storeA, planA, inDays(1), "suspend");
  const dueOtherStore = await subscription(storeB, planB, inDays(1));
  const later = await subscription(storeA, planA, inDays(3));
  const revoked = await subscription(storeA, planA, inDays(1), "revoke");

  const sweepAt = new Date(Date.now() + 2 * DAY);
  expect(await expireDueSubscriptions(kit.ctx, sweepAt)).toBe(3);

  for (const [storeId, sub] of [
    [storeA, due],
    [storeA, dueSuspended],
    [storeB, dueOtherStore],
  ] as const) {
    const after = await statusOf(storeId, sub.id);
    expect(after).toMatchObject({ status: "expired", current: false });
    expect(after.history.at(-1)).toMatchObject({ action: "expire", status: "expired", actorId: null });
  }
  expect((await statusOf(storeA, later.id)).status).toBe("active");
  expect((await statusOf(storeA, revoked.id)).status).toBe("revoked");

  // Idempotent: a second sweep finds nothing and appends nothing.
  expect(await expireDueSubscriptions(kit.ctx, sweepAt)).toBe(0);
  expect((await statusOf(storeA, due.id)).history).toHaveLength(2);

  const audit = kit.ctx.store.collection<{ _id: string; _v: number; action: string; actorKind: string }>({
    name: "audit_log",
  });
  const expiries = (await audit.find({ action: "subscription.expire" })).items;
  expect(expiries).toHaveLength(3);
  expect(expiries.every((e) => e.actorKind === "system")).toBe(true);
});

test("an expired viewer reads the expired subscription and can be granted a new one", async () => {
  const planA = await planIn(storeA);
  const sub = await subscription(storeA, planA, inDays(1));
  await expireDueSubscriptions(kit.ctx, new Date(Date.now() + 2 * DAY));
  const mine = await kit.call("GET", "/v1/me/subscription", { as: sub.viewer });
  expect(mine.body.subscription).toMatchObject({ id: sub.id, status: "expired" });
  const again = await kit.call("POST", "/v1/subscriptions", {
    as: kit.owner(storeA),
    body: { viewerId: sub.viewer.id, planId: planA },
  });
  expect(again.status).toBe(201);
});
