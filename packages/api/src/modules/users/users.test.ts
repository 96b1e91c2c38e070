import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createIdentityKit, type IdentityKit, PASSWORD } from "../identity/testing.ts";
import { getUserInStore } from "./mod.ts";

let kit: IdentityKit;
let store: { id: string; slug: string; ownerToken: string };

beforeAll(async () => {
  kit = await createIdentityKit();
  store = await kit.store();
});
afterAll(() => kit.dispose());

describe("users", () => {
  test("an owner creates staff with permissions from the fixed list", async () => {
    const created = await kit.call("POST", "/v1/users", {
      token: store.ownerToken,
      body: {
        email: "staff@example.com",
        password: PASSWORD,
        role: "store_staff",
        permissions: ["users.read"],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      role: "store_staff",
      permissions: ["users.read"],
      storeId: store.id,
    });
    expect(created.body.passwordHash).toBeUndefined();
    const bad = await kit.call("POST", "/v1/users", {
      token: store.ownerToken,
      body: { email: "staff2@example.com", password: PASSWORD, role: "store_staff", permissions: ["root"] },
    });
    expect(bad.status).toBe(400);
    const owner = await kit.call("POST", "/v1/users", {
      token: store.ownerToken,
      body: { email: "owner2@example.com", password: PASSWORD, role: "store_owner" },
    });
    expect(owner.status).toBe(400);
  });

  test("a role change is audited and applies at the next token refresh", async () => {
    const viewer = await kit.member(store, "viewer");
    const session = await kit.login(viewer.email, PASSWORD, store.slug);
    const changed = await kit.call("PATCH", `/v1/users/${viewer.id}`, {
      token: store.ownerToken,
      body: { role: "store_staff", permissions: ["users.read"] },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe("store_staff");
    const refreshed = await kit.call("POST", "/v1/auth/refresh", {
      body: { refreshToken: session.refreshToken },
    });
    expect(refreshed.body.user.role).toBe("store_staff");
    expect((await kit.call("GET", "/v1/users", { token: refreshed.body.accessToken })).status).toBe(200);
    const log = await kit.call("GET", `/v1/audit?action=user.role_change`, { token: store.ownerToken });
    const entry = log.body.items.find((e: { targetId: string }) => e.targetId === viewer.id);
    expect(entry.before.role).toBe("viewer");
    expect(entry.after.role).toBe("store_staff");
  });

  test("staff with users.manage manage viewers but cannot grant roles or touch staff", async () => {
    const manager = await kit.member(store, "store_staff", ["users.manage", "users.read"]);
    const viewer = await kit.member(store, "viewer");
    const colleague = await kit.member(store, "store_staff", []);
    const rename = await kit.call("PATCH", `/v1/users/${viewer.id}`, {
      token: manager.token,
      body: { name: "Renamed" },
    });
    expect(rename.status).toBe(200);
    const promote = await kit.call("PATCH", `/v1/users/${viewer.id}`, {
      token: manager.token,
      body: { role: "store_staff" },
    });
    expect(promote.status).toBe(403);
    const staff = await kit.call("PATCH", `/v1/users/${colleague.id}`, {
      token: manager.token,
      body: { name: "X" },
    });
    expect(staff.status).toBe(403);
    expect(
      (
        await kit.call("POST", "/v1/users", {
          token: manager.token,
          body: { email: "n@example.com", password: PASSWORD, role: "viewer" },
        })
      ).status,
    ).toBe(403);
  });

  test("disabling an account ends its sessions and refuses its logins", async () => {
    const viewer = await kit.member(store, "viewer");
    const disabled = await kit.call("PATCH", `/v1/users/${viewer.id}`, {
      token: store.ownerToken,
      body: { status: "disabled" },
    });
    expect(disabled.status).toBe(200);
    expect((await kit.call("GET", "/v1/auth/me", { token: viewer.token })).status).toBe(401);
    const login = await kit.call("POST", "/v1/auth/login", {
      body: { email: viewer.email, password: PASSWORD, device: { name: "x", kind: "web" } },
      store: store.slug,
    });
    expect(login.body.code).toBe("account_disabled");
  });

  test("another store's user answers 404, and getUserInStore returns null for it", async () => {
    const other = await kit.store();
    const theirs = await kit.member(other, "viewer");
    expect((await kit.call("GET", `/v1/users/${theirs.id}`, { token: store.ownerToken })).status).toBe(404);
    const patch = await kit.call("PATCH", `/v1/users/${theirs.id}`, {
      token: store.ownerToken,
      body: { name: "x" },
    });
    expect(patch.status).toBe(404);
    expect(await getUserInStore(kit.ctx, store.id, theirs.id)).toBeNull();
    const found = await getUserInStore(kit.ctx, other.id, theirs.id);
    expect(found?.email).toBe(theirs.email);
    expect((found as Record<string, unknown> | null)?.passwordHash).toBeUndefined();
  });

  test("lists a store's accounts by role, newest first", async () => {
    const fresh = await kit.store();
    await kit.member(fresh, "viewer");
    await kit.member(fresh, "affiliate");
    const viewers = await kit.call("GET", "/v1/users?role=viewer", { token: fresh.ownerToken });
    expect(viewers.body.items.map((u: { role: string }) => u.role)).toEqual(["viewer"]);
    const all = await kit.call("GET", "/v1/users", { token: fresh.ownerToken });
    expect(all.body.items).toHaveLength(3);
    expect(new Set(all.body.items.map((u: { storeId: string }) => u.storeId))).toEqual(new Set([fresh.id]));
  });

  test("platform admins name the store they act on", async () => {
    const admin = await kit.admin();
    expect((await kit.call("GET", "/v1/users", { token: admin.token })).body.code).toBe("store_not_resolved");
    const listed = await kit.call("GET", "/v1/users", { token: admin.token, store: store.slug });
    expect(listed.status).toBe(200);
  });
});
