import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createIdentityKit, type IdentityKit } from "../identity/testing.ts";

let kit: IdentityKit;
let admin: { id: string; email: string; token: string };
let a: { id: string; slug: string; ownerEmail: string; ownerToken: string };
let b: { id: string; slug: string; ownerToken: string };

beforeAll(async () => {
  kit = await createIdentityKit();
  admin = await kit.admin();
  a = await kit.store();
  b = await kit.store();
  await kit.call("PATCH", `/v1/stores/${a.id}`, { token: a.ownerToken, body: { name: "A renamed" } });
  await kit.call("PATCH", `/v1/stores/${b.id}`, { token: b.ownerToken, body: { name: "B renamed" } });
});
afterAll(() => kit.dispose());

const stores = (items: Array<{ storeId: string | null }>) => new Set(items.map((e) => e.storeId));

describe("audit log", () => {
  test("an owner sees only their own store's entries", async () => {
    const own = await kit.call("GET", "/v1/audit?limit=200", { token: a.ownerToken });
    expect(own.status).toBe(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    expect([...stores(own.body.items)]).toEqual([a.id]);
  });

  test("an owner asking for another store still gets only their own", async () => {
    const sneaky = await kit.call("GET", `/v1/audit?storeId=${b.id}`, { token: a.ownerToken });
    expect([...stores(sneaky.body.items)]).toEqual([a.id]);
    const viaHeader = await kit.call("GET", "/v1/audit", { token: a.ownerToken, store: b.slug });
    expect(viaHeader.status).toBe(401);
  });

  test("a platform admin sees every store and filters by store, action and actor", async () => {
    const all = await kit.call("GET", "/v1/audit?limit=200", { token: admin.token });
    const seen = stores(all.body.items);
    expect(seen.has(a.id) && seen.has(b.id)).toBe(true);

    const onlyB = await kit.call("GET", `/v1/audit?storeId=${b.id}&action=store.update`, {
      token: admin.token,
    });
    expect(onlyB.body.items).toHaveLength(1);
    expect(onlyB.body.items[0].after.name).toBe("B renamed");

    const byActor = await kit.call("GET", `/v1/audit?actorId=${admin.id}`, { token: admin.token });
    expect(byActor.body.items.every((e: { actorId: string }) => e.actorId === admin.id)).toBe(true);
    const platform = await kit.call("GET", "/v1/audit?storeId=platform", { token: admin.token });
    expect([...stores(platform.body.items)]).toEqual([null]);
  });

  test("filters by time and pages with a cursor", async () => {
    const future = await kit.call("GET", "/v1/audit?from=2999-01-01T00:00:00Z", { token: admin.token });
    expect(future.body.items).toHaveLength(0);
    const first = await kit.call("GET", "/v1/audit?limit=2", { token: admin.token });
    expect(first.body.items).toHaveLength(2);
    const second = await kit.call(
      "GET",
      `/v1/audit?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      {
        token: admin.token,
      },
    );
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(second.body.items[0].at <= first.body.items[1].at).toBe(true);
  });

  test("entries name their actor and target; a store's log does not name platform accounts", async () => {
    const made = await kit.call("POST", "/v1/users/", {
      token: a.ownerToken,
      body: { email: "leo@example.com", password: "leo-password-1234", role: "viewer", name: "Leo" },
    });
    expect(made.status).toBe(201);
    await kit.call("PATCH", `/v1/stores/${a.id}`, { token: admin.token, body: { name: "A by admin" } });
    await kit.call("POST", "/v1/auth/login", {
      store: a.slug,
      body: { email: "nobody@example.com", password: "wrong password", device: { name: "x", kind: "web" } },
    });
    type Entry = {
      action: string;
      actorId: string;
      actorName: string | null;
      targetName: string | null;
      role: string;
    };
    const entries = async (token: string) =>
      (await kit.call("GET", `/v1/audit?storeId=${a.id}&limit=200`, { token })).body.items as Entry[];
    const own = await entries(a.ownerToken);
    const created = own.find((e) => e.action === "user.create");
    expect(created?.actorName).toBe(a.ownerEmail);
    expect(created?.targetName).toBe("Leo (leo@example.com)");
    const failed = own.find((e) => e.action === "auth.login_failed");
    expect(failed?.targetName).toBe("nobody@example.com");
    const byAdmin = own.find((e) => e.action === "store.update" && e.role === "platform_admin");
    expect(byAdmin?.actorName).toBeNull();
    expect(byAdmin?.targetName).toBe("A by admin");

    const seenByAdmin = (await entries(admin.token)).find(
      (e) => e.action === "store.update" && e.role === "platform_admin",
    );
    expect(seenByAdmin?.actorName).toBe(admin.email);
  });

  test("viewers and staff without audit.read cannot read it", async () => {
    const viewer = await kit.member(a, "viewer");
    const staff = await kit.member(a, "store_staff", ["users.read"]);
    const reader = await kit.member(a, "store_staff", ["audit.read"]);
    expect((await kit.call("GET", "/v1/audit", { token: viewer.token })).status).toBe(403);
    expect((await kit.call("GET", "/v1/audit", { token: staff.token })).status).toBe(403);
    const allowed = await kit.call("GET", "/v1/audit", { token: reader.token });
    expect([...stores(allowed.body.items)]).toEqual([a.id]);
    expect((await kit.call("GET", "/v1/audit")).status).toBe(401);
  });
});
