import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Principal } from "../../auth/principal.ts";
import { plantPackages } from "../catalog/testing.ts";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { createUser } from "../users/mod.ts";

let kit: Kit;
let storeA: string;
let storeB: string;
let owner: Principal;
let planId: string;

const DAY = 86_400_000;

beforeAll(async () => {
  kit = await createKit();
  storeA = await kit.store();
  storeB = await kit.store();
  owner = kit.owner(storeA);
  await plantPackages(kit.ctx, storeA, ["pkg-news"]);
  const plan = await kit.call("POST", "/v1/plans", {
    as: owner,
    body: {
      name: "Basic",
      price: 500,
      currency: "EUR",
      durationDays: 30,
      screens: 2,
      packageIds: ["pkg-news"],
    },
  });
  planId = plan.body.id;
});
afterAll(() => kit.dispose());

async function grant(viewerId: string, extra: Record<string, unknown> = {}) {
  return kit.call("POST", "/v1/subscriptions", { as: owner, body: { viewerId, planId, ...extra } });
}

function auditOf(targetId: string) {
  return kit.audit(targetId);
}

describe("granting", () => {
  test("grants the plan for its duration, records history and audits it", async () => {
    const viewer = await kit.viewer(storeA);
    const before = Date.now();
    const res = await grant(viewer.id, { note: "Paid in cash" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ viewerId: viewer.id, planId, status: "active", current: true });
    const ends = Date.parse(res.body.endsAt);
    expect(ends).toBeGreaterThanOrEqual(before + 30 * DAY);
    expect(ends).toBeLessThan(before + 30 * DAY + 60_000);
    expect(res.body.history).toEqual([
      expect.objectContaining({ action: "grant", status: "active", actorId: owner.id, note: "Paid in cash" }),
    ]);
    const audit = await auditOf(res.body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "subscription.grant", actorId: owner.id, storeId: storeA });
    expect(audit[0]?.after).toMatchObject({ status: "active", viewerId: viewer.id });
    expect(audit[0]?.requestId).toBeString();
  });

  test("takes a custom expiry", async () => {
    const viewer = await kit.viewer(storeA);
    const endsAt = new Date(Date.now() + 3 * DAY).toISOString();
    const res = await grant(viewer.id, { endsAt });
    expect(res.status).toBe(201);
    expect(res.body.endsAt).toBe(endsAt);
  });

  test("refuses a custom expiry in the past", async () => {
    const viewer = await kit.viewer(storeA);
    const res = await grant(viewer.id, { endsAt: new Date(Date.now() - DAY).toISOString() });
    expect(res.status).toBe(422);
  });

  test("refuses a second current subscription for the same viewer", async () => {
    const viewer = await kit.viewer(storeA);
    expect((await grant(viewer.id)).status).toBe(201);
    const again = await grant(viewer.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("subscription_exists");
  });

  test("refuses a viewer or plan of another store as reference_not_found, naming the field", async () => {
    const foreignViewer = await kit.viewer(storeB);
    const refused = await grant(foreignViewer.id);
    expect([refused.status, refused.body.code, refused.body.pointer]).toEqual([
      422,
      "reference_not_found",
      "/viewerId",
    ]);
    const viewer = await kit.viewer(storeA);
    const foreignPlan = await kit.call("POST", "/v1/plans", {
      as: kit.owner(storeB),
      body: { name: "B", price: 1, currency: "EUR", durationDays: 1, screens: 1 },
    });
    const res = await kit.call("POST", "/v1/subscriptions", {
      as: owner,
      body: { viewerId: viewer.id, planId: foreignPlan.body.id },
    });
    expect([res.status, res.body.pointer]).toEqual([422, "/planId"]);
    expect(await kit.call("GET", `/v1/subscriptions?viewerId=${viewer.id}`, { as: owner })).toMatchObject({
      body: { items: [] },
    });
  });

  test("refuses an account that is not a viewer like one that does not exist", async () => {
    const staff = await createUser(kit.ctx, {
      storeId: storeA,
      email: "staff@example.com",
      password: "correct horse battery staple",
      role: "store_staff",
    });
    const res = await grant(staff._id);
    expect([res.status, res.body.pointer]).toEqual([422, "/viewerId"]);
  });

  test("a held plan cannot be deleted", async () => {
    const viewer = await kit.viewer(storeA);
    await grant(viewer.id);
    const res = await kit.call("DELETE", `/v1/plans/${planId}`, { as: owner });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("plan_in_use");
  });
});

describe("changing a subscription", () => {
  test("extend, suspend, resume and revoke each append history and an audit entry", async () => {
    const viewer = await kit.viewer(storeA);
    const { body: sub } = await grant(viewer.id);
    const id = sub.id as string;

    const extended = await kit.call("POST", `/v1/subscriptions/${id}/extend`, {
      as: owner,
      body: { days: 10 },
    });
    expect(extended.status).toBe(200);
    expect(Date.parse(extended.body.endsAt) - Date.parse(sub.endsAt)).toBe(10 * DAY);

    // A note that does not parse is refused, not read as "no note": nothing changes.
    const garbled = await kit.call("POST", `/v1/subscriptions/${id}/suspend`, {
      as: owner,
      rawBody: '{"note": "Charge',
    });
    expect(garbled.status).toBe(400);
    expect(garbled.body.code).toBe("malformed_json");
    expect((await kit.call("GET", `/v1/subscriptions/${id}`, { as: owner })).body.status).toBe("active");

    const suspended = await kit.call("POST", `/v1/subscriptions/${id}/suspend`, {
      as: owner,
      body: { note: "Chargeback" },
    });
    expect(suspended.body).toMatchObject({ status: "suspended", current: true });

    const resumed = await kit.call("POST", `/v1/subscriptions/${id}/resume`, { as: owner, body: {} });
    expect(resumed.body.status).toBe("active");

    const revoked = await kit.call("POST", `/v1/subscriptions/${id}/revoke`, { as: owner, body: {} });
    expect(revoked.body).toMatchObject({ status: "revoked", current: false });

    const history = (revoked.body.history as Array<{ action: string; status: string }>).map((h) => [
      h.action,
      h.status,
    ]);
    expect(history).toEqual([
      ["grant", "active"],
      ["extend", "active"],
      ["suspend", "suspended"],
      ["resume", "active"],
      ["revoke", "revoked"],
    ]);
    const audit = await auditOf(id);
    expect(audit.map((a) => a.action)).toEqual([
      "subscription.grant",
      "subscription.extend",
      "subscription.suspend",
      "subscription.resume",
      "subscription.revoke",
    ]);
    expect(audit[2]?.before).toMatchObject({ status: "active" });
    expect(audit[2]?.after).toMatchObject({ status: "suspended" });
  });

  test("a revoked viewer can be granted again", async () => {
    const viewer = await kit.viewer(storeA);
    const { body: sub } = await grant(viewer.id);
    await kit.call("POST", `/v1/subscriptions/${sub.id}/revoke`, { as: owner, body: {} });
    expect((await grant(viewer.id)).status).toBe(201);
  });

  test("refuses transitions that do not apply with invalid_subscription_state", async () => {
    const viewer = await kit.viewer(storeA);
    const { body: sub } = await grant(viewer.id);
    const resume = await kit.call("POST", `/v1/subscriptions/${sub.id}/resume`, { as: owner, body: {} });
    expect(resume.status).toBe(409);
    expect(resume.body.code).toBe("invalid_subscription_state");
    await kit.call("POST", `/v1/subscriptions/${sub.id}/revoke`, { as: owner, body: {} });
    const extend = await kit.call("POST", `/v1/subscriptions/${sub.id}/extend`, {
      as: owner,
      body: { days: 1 },
    });
    expect(extend.status).toBe(409);
  });

  test("staff read with subscriptions.read and change with subscriptions.manage", async () => {
    const reader = kit.staff(storeA, ["subscriptions.read"]);
    expect((await kit.call("GET", "/v1/subscriptions", { as: reader })).status).toBe(200);
    const manager = kit.staff(storeA, ["subscriptions.manage"]);
    expect((await kit.call("GET", "/v1/subscriptions", { as: manager })).status).toBe(403);
  });

  test("staff need subscriptions.manage", async () => {
    const viewer = await kit.viewer(storeA);
    const body = { viewerId: viewer.id, planId };
    const reader = kit.staff(storeA, ["subscriptions.read"]);
    expect((await kit.call("POST", "/v1/subscriptions", { as: reader, body })).status).toBe(403);
    const manager = kit.staff(storeA, ["subscriptions.manage"]);
    expect((await kit.call("POST", "/v1/subscriptions", { as: manager, body })).status).toBe(201);
  });
});

describe("reading subscriptions", () => {
  test("a viewer reads their own subscription and its plan, without history", async () => {
    const viewer = await kit.viewer(storeA);
    const none = await kit.call("GET", "/v1/me/subscription", { as: viewer });
    expect(none.body).toEqual({ subscription: null });
    const { body: sub } = await grant(viewer.id);
    const mine = await kit.call("GET", "/v1/me/subscription", { as: viewer });
    expect(mine.status).toBe(200);
    expect(mine.body.subscription).toEqual({
      id: sub.id,
      status: "active",
      startsAt: sub.startsAt,
      endsAt: sub.endsAt,
      plan: { id: planId, name: "Basic", screens: 2 },
    });
  });

  test("viewers may not use the staff routes", async () => {
    const viewer = await kit.viewer(storeA);
    expect((await kit.call("GET", "/v1/subscriptions", { as: viewer })).status).toBe(403);
    expect((await grant(viewer.id)).status).toBe(201);
    const self = await kit.call("POST", "/v1/subscriptions", {
      as: viewer,
      body: { viewerId: viewer.id, planId },
    });
    expect(self.status).toBe(403);
  });

  test("the list filters by viewer and status", async () => {
    const viewer = await kit.viewer(storeA);
    const { body: sub } = await grant(viewer.id);
    const byViewer = await kit.call("GET", `/v1/subscriptions?viewerId=${viewer.id}`, { as: owner });
    expect(byViewer.body.items.map((s: { id: string }) => s.id)).toEqual([sub.id]);
    const revoked = await kit.call("GET", `/v1/subscriptions?viewerId=${viewer.id}&status=revoked`, {
      as: owner,
    });
    expect(revoked.body.items).toEqual([]);
  });
});

describe("store isolation", () => {
  test("another store's staff cannot read or change a subscription, and never learn it exists", async () => {
    const viewer = await kit.viewer(storeA);
    const { body: sub } = await grant(viewer.id);
    const other = kit.owner(storeB);
    expect((await kit.call("GET", `/v1/subscriptions/${sub.id}`, { as: other })).status).toBe(404);
    for (const action of ["suspend", "resume", "revoke"]) {
      const res = await kit.call("POST", `/v1/subscriptions/${sub.id}/${action}`, { as: other, body: {} });
      expect(res.status).toBe(404);
    }
    const extend = await kit.call("POST", `/v1/subscriptions/${sub.id}/extend`, {
      as: other,
      body: { days: 5 },
    });
    expect(extend.status).toBe(404);
    const list = await kit.call("GET", `/v1/subscriptions?viewerId=${viewer.id}`, { as: other });
    expect(list.body.items).toEqual([]);
    const unchanged = await kit.call("GET", `/v1/subscriptions/${sub.id}`, { as: owner });
    expect(unchanged.body).toMatchObject({ status: "active", endsAt: sub.endsAt });
  });

  test("a viewer's token used at another store's address is refused", async () => {
    const viewer = await kit.viewer(storeA);
    const res = await kit.call("GET", "/v1/me/subscription", { as: viewer, headers: { "x-store": storeB } });
    expect(res.status).toBe(401);
  });
});
