import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Principal } from "../../auth/principal.ts";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { createUser } from "../users/mod.ts";
import { trialEmail } from "./trials.ts";

let kit: Kit;
let store: string;
let trialPlan: string;
let paidPlan: string;

const DAY = 86_400_000;
let devices = 0;
const device = () => `device-${++devices}-${crypto.randomUUID()}`;

async function plan(storeId: string, body: Record<string, unknown>): Promise<string> {
  const made = await kit.call("POST", "/v1/plans", {
    as: kit.owner(storeId),
    body: { name: "Plan", price: 500, currency: "EUR", durationDays: 30, screens: 2, ...body },
  });
  expect(made.status).toBe(201);
  return made.body.id;
}

async function viewer(storeId: string, email: string): Promise<Principal> {
  const doc = await createUser(kit.ctx, {
    storeId,
    email,
    password: "correct horse battery staple",
    role: "viewer",
  });
  return { id: doc._id, kind: "user", role: "viewer", storeId, permissions: [] };
}

function start(as: Principal | null, body: Record<string, unknown>) {
  return kit.call("POST", "/v1/me/trial", { as, body });
}

function status(as: Principal, deviceId: string) {
  return kit.call("GET", `/v1/me/trial?deviceId=${encodeURIComponent(deviceId)}`, { as });
}

beforeAll(async () => {
  kit = await createKit();
  store = await kit.store();
  trialPlan = await plan(store, { name: "Family", trialDays: 7 });
  paidPlan = await plan(store, { name: "Basic" });
});
afterAll(() => kit.dispose());

describe("starting a free trial", () => {
  test("gives the plan for its trialDays through the subscription history, audited", async () => {
    const me = await viewer(store, "first@example.com");
    const phone = device();
    expect((await status(me, phone)).body).toEqual({ available: true, reason: null });
    const before = Date.now();
    const res = await start(me, { planId: trialPlan, deviceId: phone });
    expect(res.status).toBe(201);
    expect(res.body.subscription).toMatchObject({
      status: "active",
      plan: { id: trialPlan, name: "Family" },
    });
    const ends = Date.parse(res.body.subscription.endsAt);
    expect(ends).toBeGreaterThanOrEqual(before + 7 * DAY);
    expect(ends).toBeLessThan(before + 7 * DAY + 60_000);

    const sub = await kit.call("GET", `/v1/subscriptions/${res.body.subscription.id}`, {
      as: kit.owner(store),
    });
    expect(sub.body.history).toEqual([expect.objectContaining({ action: "trial", actorId: me.id })]);
    const audit = await kit.audit(res.body.subscription.id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["subscription.trial", me.id]]);
    // Signed in with a plan now: no trial offered, and a second call does not stack one.
    expect((await status(me, phone)).body).toEqual({ available: false, reason: "subscription_exists" });
    expect((await start(me, { planId: trialPlan, deviceId: phone })).body.code).toBe("subscription_exists");
  });

  test("the same person under another account and another spelling of the e-mail gets trial_used", async () => {
    const first = await viewer(store, "jane.doe@gmail.com");
    expect((await start(first, { planId: trialPlan, deviceId: device() })).status).toBe(201);
    const again = await viewer(store, "JaneDoe+tv@googlemail.com");
    const laptop = device();
    expect((await status(again, laptop)).body).toEqual({ available: false, reason: "trial_used" });
    const res = await start(again, { planId: trialPlan, deviceId: laptop });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("trial_used");
    expect((await kit.call("GET", "/v1/me/subscription", { as: again })).body).toEqual({
      subscription: null,
    });
  });

  test("another e-mail from the same device gets trial_used", async () => {
    const tv = device();
    expect(
      (await start(await viewer(store, "one@example.com"), { planId: trialPlan, deviceId: tv })).status,
    ).toBe(201);
    const other = await viewer(store, "two@example.com");
    const res = await start(other, { planId: trialPlan, deviceId: tv });
    expect([res.status, res.body.code]).toEqual([409, "trial_used"]);
    // The refused attempt took nothing: this person on a device of their own still may.
    expect((await start(other, { planId: trialPlan, deviceId: device() })).status).toBe(201);
  });

  test("a trial that ended, or was revoked, is not given again", async () => {
    const me = await viewer(store, "ended@example.com");
    const phone = device();
    const res = await start(me, { planId: trialPlan, deviceId: phone });
    await kit.call("POST", `/v1/subscriptions/${res.body.subscription.id}/revoke`, { as: kit.owner(store) });
    expect((await status(me, device())).body).toEqual({ available: false, reason: "trial_used" });
    expect((await start(me, { planId: trialPlan, deviceId: device() })).body.code).toBe("trial_used");
  });

  test("a viewer holding a plan keeps it and does not use up their trial", async () => {
    const me = await viewer(store, "granted@example.com");
    const granted = await kit.call("POST", "/v1/subscriptions", {
      as: kit.owner(store),
      body: { viewerId: me.id, planId: paidPlan },
    });
    const phone = device();
    const res = await start(me, { planId: trialPlan, deviceId: phone });
    expect([res.status, res.body.code]).toEqual([409, "subscription_exists"]);
    await kit.call("POST", `/v1/subscriptions/${granted.body.id}/revoke`, { as: kit.owner(store) });
    expect((await start(me, { planId: trialPlan, deviceId: phone })).status).toBe(201);
  });

  test("two trials started at once by one viewer: one starts, the other is refused, never a 500", async () => {
    const me = await viewer(store, "twice@example.com");
    const answers = await Promise.all([
      start(me, { planId: trialPlan, deviceId: device() }),
      start(me, { planId: trialPlan, deviceId: device() }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
  });

  test("each store gives its own trial", async () => {
    const other = await kit.store();
    const otherPlan = await plan(other, { trialDays: 3 });
    const tv = device();
    expect(
      (await start(await viewer(store, "shared@example.com"), { planId: trialPlan, deviceId: tv })).status,
    ).toBe(201);
    expect(
      (await start(await viewer(other, "shared@example.com"), { planId: otherPlan, deviceId: tv })).status,
    ).toBe(201);
  });

  test("clear problems for plans without a trial, unknown plans and bad input", async () => {
    const me = await viewer(store, "problems@example.com");
    const inactive = await plan(store, { trialDays: 7, active: false });
    const foreign = await plan(await kit.store(), { trialDays: 7 });
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ planId: paidPlan, deviceId: device() }, 422, "plan_has_no_trial"],
      [{ planId: "01jd6y6z0m7c8f2k4n5p6q7r91", deviceId: device() }, 404, "plan_not_found"],
      [{ planId: inactive, deviceId: device() }, 404, "plan_not_found"],
      [{ planId: foreign, deviceId: device() }, 404, "plan_not_found"],
      [{ planId: trialPlan, deviceId: "x" }, 400, "validation_failed"],
      [{ planId: trialPlan }, 400, "validation_failed"],
    ];
    for (const [body, code, name] of cases) {
      const res = await start(me, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: code, code: name });
    }
    expect((await start(null, { planId: trialPlan, deviceId: device() })).status).toBe(401);
    expect((await start(kit.owner(store), { planId: trialPlan, deviceId: device() })).status).toBe(403);
    // Nothing above used the trial up.
    expect((await status(me, device())).body).toEqual({ available: true, reason: null });
  });
});

test("e-mails are compared the way mailboxes treat them", () => {
  expect(trialEmail(" Jane.Doe+TV@GoogleMail.com ")).toBe("janedoe@gmail.com");
  expect(trialEmail("first.last+promo@example.com")).toBe("first.last@example.com");
  expect(trialEmail("plain@example.com")).toBe("plain@example.com");
});
