import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Principal } from "../../auth/principal.ts";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { expireDueSubscriptions } from "../subscriptions/mod.ts";
import { acquireScreen, activeScreens, releaseScreen, renewScreen } from "./lease.ts";

let kit: Kit;
let storeA: string;
let storeB: string;
let planA: string;

const LONG = 60_000;

beforeAll(async () => {
  kit = await createKit();
  storeA = await kit.store();
  storeB = await kit.store();
  const plan = await kit.call("POST", "/v1/plans", {
    as: kit.owner(storeA),
    body: {
      name: "Duo",
      price: 800,
      currency: "EUR",
      durationDays: 30,
      screens: 2,
    },
  });
  planA = plan.body.id;
});
afterAll(() => kit.dispose());

async function subscribedViewer(storeId = storeA, planId = planA): Promise<Principal> {
  const viewer = await kit.viewer(storeId);
  const res = await kit.call("POST", "/v1/subscriptions", {
    as: kit.owner(storeId),
    body: { viewerId: viewer.id, planId },
  });
  expect(res.status).toBe(201);
  return viewer;
}

function lease(viewer: Principal, sessionId: string, ttlMs = LONG) {
  return acquireScreen(kit.ctx, { storeId: viewer.storeId ?? "", viewerId: viewer.id, sessionId, ttlMs });
}

describe("screen leases", () => {
  test("a 2-screen plan refuses the third session until one is released", async () => {
    const viewer = await subscribedViewer();
    expect(await lease(viewer, "tv")).toMatchObject({ ok: true });
    expect(await lease(viewer, "phone")).toMatchObject({ ok: true });
    expect(await lease(viewer, "laptop")).toEqual({
      ok: false,
      code: "screen_limit_reached",
      limit: 2,
      active: 2,
    });
    await releaseScreen(kit.ctx, { storeId: storeA, viewerId: viewer.id, sessionId: "tv" });
    expect(await lease(viewer, "laptop")).toMatchObject({ ok: true });
  });

  test("a lease that is not renewed lapses and frees its screen", async () => {
    const viewer = await subscribedViewer();
    expect(await lease(viewer, "tv", 50)).toMatchObject({ ok: true });
    expect(await lease(viewer, "phone", 50)).toMatchObject({ ok: true });
    expect((await lease(viewer, "laptop", 50)).ok).toBe(false);
    await Bun.sleep(90);
    expect(await lease(viewer, "laptop", 50)).toMatchObject({ ok: true });
  });

  test("renewing keeps a lease past its first TTL; a lapsed one comes back only while the plan has room", async () => {
    const viewer = await subscribedViewer();
    const session = { storeId: storeA, viewerId: viewer.id, sessionId: "tv" };
    const first = await lease(viewer, "tv", 80);
    const gen = first.ok ? first.gen : -1;
    await Bun.sleep(50);
    expect(await renewScreen(kit.ctx, { ...session, gen, ttlMs: 80 })).toBe("ok");
    await Bun.sleep(50);
    expect((await activeScreens(kit.ctx, session)).map((s) => s.sessionId)).toEqual(["tv"]);
    await Bun.sleep(100);
    expect(await activeScreens(kit.ctx, session)).toEqual([]);
    // An edge that missed its renewals keeps the viewer watching while the plan has room...
    expect(await renewScreen(kit.ctx, { ...session, gen, ttlMs: 80 })).toBe("ok");
    await Bun.sleep(150);
    // ...but not once two other devices took both screens.
    await lease(viewer, "phone");
    await lease(viewer, "laptop");
    expect(await renewScreen(kit.ctx, { ...session, gen, ttlMs: 80 })).toBe("revoked");
  });

  test("only the screen's newest route renews or releases it", async () => {
    const viewer = await subscribedViewer();
    const session = { storeId: storeA, viewerId: viewer.id, sessionId: "zapper" };
    const hls = await lease(viewer, "zapper");
    const ts = await lease(viewer, "zapper");
    if (!hls.ok || !ts.ok) throw new Error("no screen");
    expect(ts.gen).toBeGreaterThan(hls.gen);
    expect(ts.previousGen).toBe(hls.gen);
    expect(await renewScreen(kit.ctx, { ...session, gen: hls.gen, ttlMs: LONG })).toBe("superseded");
    expect(await releaseScreen(kit.ctx, session, { gen: hls.gen })).toBe(false);
    expect(await renewScreen(kit.ctx, { ...session, gen: ts.gen, ttlMs: LONG })).toBe("ok");
    expect((await activeScreens(kit.ctx, session)).map((s) => s.sessionId)).toEqual(["zapper"]);
    expect(await releaseScreen(kit.ctx, session, { gen: ts.gen })).toBe(true);
    expect(await activeScreens(kit.ctx, session)).toEqual([]);
  });

  test("acquiring again for the same session does not take a second screen", async () => {
    const viewer = await subscribedViewer();
    await lease(viewer, "tv");
    await lease(viewer, "tv");
    expect(await lease(viewer, "phone")).toMatchObject({ ok: true });
  });

  test("a viewer without a current subscription gets no screen", async () => {
    const viewer = await kit.viewer(storeA);
    expect(await lease(viewer, "tv")).toEqual({
      ok: false,
      code: "screen_limit_reached",
      limit: 0,
      active: 0,
    });
  });

  test("an explicit limit overrides the plan lookup", async () => {
    const viewer = await subscribedViewer();
    const ask = (sessionId: string) =>
      acquireScreen(kit.ctx, { storeId: storeA, viewerId: viewer.id, sessionId, ttlMs: LONG, limit: 1 });
    expect(await ask("tv")).toMatchObject({ ok: true });
    expect(await ask("phone")).toMatchObject({ ok: false, limit: 1, active: 1 });
  });

  test("viewers' screens are counted apart, per store", async () => {
    const first = await subscribedViewer();
    const second = await subscribedViewer();
    await lease(first, "a");
    await lease(first, "b");
    expect(await lease(second, "a")).toMatchObject({ ok: true });
  });
});

describe("screens follow the subscription", () => {
  test("suspending or revoking a subscription frees all of the viewer's screens", async () => {
    for (const action of ["suspend", "revoke"]) {
      const viewer = await kit.viewer(storeA);
      const owner = kit.owner(storeA);
      const { body: sub } = await kit.call("POST", "/v1/subscriptions", {
        as: owner,
        body: { viewerId: viewer.id, planId: planA },
      });
      await lease(viewer, "tv");
      await lease(viewer, "phone");
      await kit.call("POST", `/v1/subscriptions/${sub.id}/${action}`, { as: owner, body: {} });
      const session = { storeId: storeA, viewerId: viewer.id, sessionId: "tv", ttlMs: LONG, gen: 1 };
      expect(await renewScreen(kit.ctx, session)).toBe("revoked");
      expect(await activeScreens(kit.ctx, session)).toEqual([]);
    }
  });

  test("the expiry sweep frees the screens of the subscriptions it expires", async () => {
    const viewer = await kit.viewer(storeA);
    await kit.call("POST", "/v1/subscriptions", {
      as: kit.owner(storeA),
      body: { viewerId: viewer.id, planId: planA, endsAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    await lease(viewer, "tv");
    await expireDueSubscriptions(kit.ctx, new Date(Date.now() + 2 * 86_400_000));
    expect(await activeScreens(kit.ctx, { storeId: storeA, viewerId: viewer.id })).toEqual([]);
  });

  test("a viewer whose subscription is suspended gets no new screen", async () => {
    const viewer = await kit.viewer(storeA);
    const owner = kit.owner(storeA);
    const { body: sub } = await kit.call("POST", "/v1/subscriptions", {
      as: owner,
      body: { viewerId: viewer.id, planId: planA },
    });
    await kit.call("POST", `/v1/subscriptions/${sub.id}/suspend`, { as: owner, body: {} });
    expect(await lease(viewer, "tv")).toMatchObject({ ok: false, limit: 0 });
  });
});

describe("GET and DELETE /v1/me/screens", () => {
  test("lists the caller's sessions with details, and signs one out", async () => {
    const viewer = await subscribedViewer();
    await acquireScreen(kit.ctx, {
      storeId: storeA,
      viewerId: viewer.id,
      sessionId: "tv-1",
      ttlMs: LONG,
      streamId: "ch-news",
      device: "LG webOS TV",
    });
    await lease(viewer, "phone-1");
    const listed = await kit.call("GET", "/v1/me/screens", { as: viewer });
    expect(listed.status).toBe(200);
    expect(listed.body.limit).toBe(2);
    expect(listed.body.items).toHaveLength(2);
    expect(listed.body.items[0]).toMatchObject({
      sessionId: "tv-1",
      streamId: "ch-news",
      device: "LG webOS TV",
    });

    expect((await kit.call("DELETE", "/v1/me/screens/tv-1", { as: viewer })).status).toBe(204);
    const after = await kit.call("GET", "/v1/me/screens", { as: viewer });
    expect(after.body.items.map((s: { sessionId: string }) => s.sessionId)).toEqual(["phone-1"]);
  });

  test("a viewer of another store neither sees nor frees someone else's screens", async () => {
    const viewer = await subscribedViewer();
    await lease(viewer, "tv-2");
    const stranger = await kit.viewer(storeB);
    const seen = await kit.call("GET", "/v1/me/screens", { as: stranger });
    expect(seen.body).toEqual({ limit: 0, items: [] });
    expect((await kit.call("DELETE", "/v1/me/screens/tv-2", { as: stranger })).status).toBe(404);
    expect((await activeScreens(kit.ctx, { storeId: storeA, viewerId: viewer.id })).length).toBe(1);
  });

  test("staff cannot use the viewer routes", async () => {
    expect((await kit.call("GET", "/v1/me/screens", { as: kit.owner(storeA) })).status).toBe(403);
    expect((await kit.call("GET", "/v1/me/screens")).status).toBe(401);
  });
});
