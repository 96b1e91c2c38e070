import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createKit, type Kit } from "../entitlements/testing.ts";

let kit: Kit;
let storeA: string;
let storeB: string;

beforeAll(async () => {
  kit = await createKit();
  storeA = await kit.store();
  storeB = await kit.store();
});
afterAll(() => kit.dispose());

const premium = {
  name: "Premium",
  description: "Everything",
  price: 1299,
  currency: "EUR",
  durationDays: 30,
  screens: 3,
  trialDays: 7,
};

describe("plans CRUD", () => {
  test("an owner creates, reads, lists, updates and deletes a plan", async () => {
    const owner = kit.owner(storeA);
    const created = await kit.call("POST", "/v1/plans", { as: owner, body: premium });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...premium, active: true, sortOrder: 0 });
    expect(created.body.id).toBeString();
    expect(created.body._v).toBeUndefined();
    expect(created.body._id).toBeUndefined();
    expect(created.body.storeId).toBeUndefined();
    const id = created.body.id as string;

    const read = await kit.call("GET", `/v1/plans/${id}`, { as: owner });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const updated = await kit.call("PATCH", `/v1/plans/${id}`, {
      as: owner,
      body: { price: 1499, active: false },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ price: 1499, active: false, name: "Premium" });

    const list = await kit.call("GET", "/v1/plans", { as: owner });
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(id);

    const deleted = await kit.call("DELETE", `/v1/plans/${id}`, { as: owner });
    expect(deleted.status).toBe(204);
    expect((await kit.call("GET", `/v1/plans/${id}`, { as: owner })).status).toBe(404);
  });

  test("plan changes are audited with before and after", async () => {
    const owner = kit.owner(storeA);
    const { body: plan } = await kit.call("POST", "/v1/plans", { as: owner, body: premium });
    await kit.call("PATCH", `/v1/plans/${plan.id}`, { as: owner, body: { price: 999 } });
    const entries = await kit.audit(plan.id);
    expect(entries.map((e) => e.action)).toEqual(["plan.create", "plan.update"]);
    expect(entries[1]?.before).toMatchObject({ price: 1299 });
    expect(entries[1]?.after).toMatchObject({ price: 999 });
  });

  test("the list is in sort order", async () => {
    const store = await kit.store();
    const owner = kit.owner(store);
    for (const [name, sortOrder] of [
      ["B", 20],
      ["A", 10],
      ["C", 30],
    ] as const) {
      await kit.call("POST", "/v1/plans", { as: owner, body: { ...premium, name, sortOrder } });
    }
    const list = await kit.call("GET", "/v1/plans", { as: owner });
    expect(list.body.items.map((p: { name: string }) => p.name)).toEqual(["A", "B", "C"]);
  });
});

describe("plan validation", () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ["a fractional price", { ...premium, price: 12.99 }],
    ["a negative price", { ...premium, price: -1 }],
    ["a lowercase currency", { ...premium, currency: "eur" }],
    ["zero screens", { ...premium, screens: 0 }],
    ["zero duration", { ...premium, durationDays: 0 }],
    ["an empty name", { ...premium, name: "" }],
    ["duplicate package ids", { ...premium, packageIds: ["a", "a"] }],
    ["an unknown field", { ...premium, storeId: "someone-else" }],
    ["a missing currency", { name: "X", price: 1, durationDays: 30, screens: 1 }],
  ];
  for (const [what, body] of cases) {
    test(`refuses ${what} with validation_failed`, async () => {
      const res = await kit.call("POST", "/v1/plans", { as: kit.owner(storeA), body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("validation_failed");
    });
  }

  test("refuses an empty update", async () => {
    const owner = kit.owner(storeA);
    const { body: plan } = await kit.call("POST", "/v1/plans", { as: owner, body: premium });
    const res = await kit.call("PATCH", `/v1/plans/${plan.id}`, { as: owner, body: {} });
    expect(res.status).toBe(400);
  });
});

describe("plan access", () => {
  test("staff need plans.manage", async () => {
    const without = await kit.call("POST", "/v1/plans", {
      as: kit.staff(storeA, ["users.read"]),
      body: premium,
    });
    expect(without.status).toBe(403);
    const withIt = await kit.call("POST", "/v1/plans", {
      as: kit.staff(storeA, ["plans.manage"]),
      body: premium,
    });
    expect(withIt.status).toBe(201);
  });

  test("viewers may not manage plans and anonymous callers must authenticate", async () => {
    const viewer = await kit.viewer(storeA);
    expect((await kit.call("GET", "/v1/plans", { as: viewer })).status).toBe(403);
    expect((await kit.call("GET", "/v1/plans")).status).toBe(401);
  });

  test("a platform admin manages the plans of the store named by X-Store", async () => {
    const res = await kit.call("POST", "/v1/plans", {
      as: kit.admin(),
      body: premium,
      headers: { "x-store": storeB },
    });
    expect(res.status).toBe(201);
    const seen = await kit.call("GET", `/v1/plans/${res.body.id}`, { as: kit.owner(storeB) });
    expect(seen.status).toBe(200);
  });

  test("another store's plan is not found, for reading, changing and deleting", async () => {
    const { body: plan } = await kit.call("POST", "/v1/plans", { as: kit.owner(storeA), body: premium });
    const other = kit.owner(storeB);
    expect((await kit.call("GET", `/v1/plans/${plan.id}`, { as: other })).status).toBe(404);
    expect((await kit.call("PATCH", `/v1/plans/${plan.id}`, { as: other, body: { price: 1 } })).status).toBe(
      404,
    );
    expect((await kit.call("DELETE", `/v1/plans/${plan.id}`, { as: other })).status).toBe(404);
    const list = await kit.call("GET", "/v1/plans", { as: other });
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(plan.id);
    const still = await kit.call("GET", `/v1/plans/${plan.id}`, { as: kit.owner(storeA) });
    expect(still.body.price).toBe(1299);
  });
});

describe("a plan's packages", () => {
  const packageOf = async (storeId: string, name: string): Promise<string> =>
    (await kit.call("POST", "/v1/catalog/packages", { as: kit.owner(storeId), body: { name } })).body.id;

  test("are the store's own: created and changed with them", async () => {
    const owner = kit.owner(storeA);
    const [news, sports] = [await packageOf(storeA, "News"), await packageOf(storeA, "Sports")];
    const created = await kit.call("POST", "/v1/plans", {
      as: owner,
      body: { ...premium, packageIds: [news] },
    });
    expect(created.status).toBe(201);
    expect(created.body.packageIds).toEqual([news]);
    const changed = await kit.call("PATCH", `/v1/plans/${created.body.id}`, {
      as: owner,
      body: { packageIds: [news, sports] },
    });
    expect(changed.body.packageIds).toEqual([news, sports]);
  });

  test("refuses a package of another store like one that does not exist, and writes nothing", async () => {
    const owner = kit.owner(storeA);
    const own = await packageOf(storeA, "Own");
    const theirs = await packageOf(storeB, "Theirs");
    const before = (await kit.call("GET", "/v1/plans?limit=200", { as: owner })).body.items.length;
    const foreign = await kit.call("POST", "/v1/plans", {
      as: owner,
      body: { ...premium, packageIds: [own, theirs] },
    });
    const none = await kit.call("POST", "/v1/plans", {
      as: owner,
      body: { ...premium, packageIds: [own, "01jd6y6z0m7c8f2k4n5p6q7r00"] },
    });
    expect([foreign.status, foreign.body.code, foreign.body.pointer]).toEqual([
      422,
      "reference_not_found",
      "/packageIds/1",
    ]);
    expect(foreign.body.detail.replace(theirs, "<id>")).toBe(
      none.body.detail.replace("01jd6y6z0m7c8f2k4n5p6q7r00", "<id>"),
    );
    expect((await kit.call("GET", "/v1/plans?limit=200", { as: owner })).body.items.length).toBe(before);

    const { body: plan } = await kit.call("POST", "/v1/plans", {
      as: owner,
      body: { ...premium, packageIds: [own] },
    });
    const patched = await kit.call("PATCH", `/v1/plans/${plan.id}`, {
      as: owner,
      body: { packageIds: [theirs] },
    });
    expect([patched.status, patched.body.pointer]).toEqual([422, "/packageIds/0"]);
    const still = await kit.call("GET", `/v1/plans/${plan.id}`, { as: owner });
    expect(still.body.packageIds).toEqual([own]);
    expect((await kit.audit(plan.id)).map((e) => e.action)).toEqual(["plan.create"]);
  });
});

describe("public plans", () => {
  test("lists only the resolved store's active plans, without internal fields", async () => {
    const store = await kit.store();
    const owner = kit.owner(store);
    await kit.call("POST", "/v1/plans", { as: owner, body: { ...premium, name: "Shown", sortOrder: 2 } });
    await kit.call("POST", "/v1/plans", { as: owner, body: { ...premium, name: "First", sortOrder: 1 } });
    await kit.call("POST", "/v1/plans", { as: owner, body: { ...premium, name: "Hidden", active: false } });
    await kit.call("POST", "/v1/plans", { as: kit.owner(storeA), body: { ...premium, name: "Elsewhere" } });
    const res = await kit.call("GET", "/v1/public/plans", { headers: { "x-store": store } });
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { name: string }) => p.name)).toEqual(["First", "Shown"]);
    expect(res.body.items[0].active).toBeUndefined();
    expect(res.body.items[0].createdAt).toBeUndefined();
  });

  test("answers store_not_resolved when no store is named", async () => {
    const res = await kit.call("GET", "/v1/public/plans");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("store_not_resolved");
  });
});
