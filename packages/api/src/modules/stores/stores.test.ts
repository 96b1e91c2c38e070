import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createIdentityKit, DEVICE, type IdentityKit, PASSWORD } from "../identity/testing.ts";

let kit: IdentityKit;
let admin: { token: string };

beforeAll(async () => {
  kit = await createIdentityKit();
  admin = await kit.admin();
});
afterAll(() => kit.dispose());

describe("stores", () => {
  test("a platform admin creates a store with its owner, who can log in there", async () => {
    const created = await kit.call("POST", "/v1/stores", {
      token: admin.token,
      body: { name: "Acme TV", slug: "acme", owner: { email: "owner@acme.example", password: PASSWORD } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: "acme", status: "active", settings: { allowSignup: true } });
    expect(created.body._v).toBeUndefined();
    const login = await kit.call("POST", "/v1/auth/login", {
      body: { email: "owner@acme.example", password: PASSWORD, device: DEVICE },
      store: "acme",
    });
    expect(login.status).toBe(200);
    expect(login.body.user.role).toBe("store_owner");
  });

  test("refuses malformed, reserved and taken slugs", async () => {
    const create = (slug: string) =>
      kit.call("POST", "/v1/stores", { token: admin.token, body: { name: "X", slug } });
    expect((await create("Bad Slug")).status).toBe(400);
    expect((await create("-dash")).status).toBe(400);
    expect((await create("www")).body.code).toBe("conflict");
    const first = await create("taken-slug");
    expect(first.status).toBe(201);
    const again = await create("taken-slug");
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("duplicate");
  });

  test("only platform admins create and list stores", async () => {
    const store = await kit.store();
    const asOwner = await kit.call("POST", "/v1/stores", {
      token: store.ownerToken,
      body: { name: "X", slug: "mine" },
    });
    expect(asOwner.status).toBe(403);
    expect((await kit.call("GET", "/v1/stores", { token: store.ownerToken })).status).toBe(403);
    expect((await kit.call("GET", "/v1/stores")).status).toBe(401);
    const list = await kit.call("GET", "/v1/stores?limit=2", { token: admin.token });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBe(2);
    expect(list.body.nextCursor).toBeString();
  });

  test("an owner edits branding and settings; the storefront sees the branding", async () => {
    const store = await kit.store();
    const patched = await kit.call("PATCH", `/v1/stores/${store.id}`, {
      token: store.ownerToken,
      body: { branding: { primaryColor: "#ff0066", theme: "light" }, settings: { maxProfiles: 3 } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.branding).toMatchObject({
      primaryColor: "#ff0066",
      theme: "light",
      accentColor: "#f78166",
    });
    expect(patched.body.settings.maxProfiles).toBe(3);

    const byHeader = await kit.call("GET", "/v1/public/store", { store: store.slug });
    expect(byHeader.status).toBe(200);
    expect(byHeader.body.branding.primaryColor).toBe("#ff0066");
    const byHost = await kit.call("GET", "/v1/public/store", { host: `${store.slug}.localhost` });
    expect(byHost.body.id).toBe(store.id);
    expect(byHost.body.settings).toBeUndefined();
  });

  test("refuses unknown fields and bad colours in a store update", async () => {
    const store = await kit.store();
    const extra = await kit.call("PATCH", `/v1/stores/${store.id}`, {
      token: store.ownerToken,
      body: { slug: "new" },
    });
    expect(extra.status).toBe(400);
    const colour = await kit.call("PATCH", `/v1/stores/${store.id}`, {
      token: store.ownerToken,
      body: { branding: { primaryColor: "red" } },
    });
    expect(colour.status).toBe(400);
  });

  test("another store's id answers 404 to an owner", async () => {
    const mine = await kit.store();
    const theirs = await kit.store();
    expect((await kit.call("GET", `/v1/stores/${theirs.id}`, { token: mine.ownerToken })).status).toBe(404);
    const patch = await kit.call("PATCH", `/v1/stores/${theirs.id}`, {
      token: mine.ownerToken,
      body: { name: "Mine now" },
    });
    expect(patch.status).toBe(404);
    expect(
      (await kit.call("GET", `/v1/stores/${theirs.id}/domains`, { token: mine.ownerToken })).status,
    ).toBe(404);
  });

  test("viewers may not change their store", async () => {
    const store = await kit.store();
    const viewer = await kit.member(store, "viewer");
    const answer = await kit.call("PATCH", `/v1/stores/${store.id}`, {
      token: viewer.token,
      body: { name: "Mine" },
    });
    expect(answer.status).toBe(403);
  });

  test("staff change the store only with the store.manage permission", async () => {
    const store = await kit.store();
    const plain = await kit.member(store, "store_staff", ["users.read"]);
    const manager = await kit.member(store, "store_staff", ["store.manage"]);
    const body = { name: "Renamed" };
    expect((await kit.call("PATCH", `/v1/stores/${store.id}`, { token: plain.token, body })).status).toBe(
      403,
    );
    expect((await kit.call("PATCH", `/v1/stores/${store.id}`, { token: manager.token, body })).status).toBe(
      200,
    );
  });

  test("a suspended store answers a clear problem everywhere until it is reactivated", async () => {
    const store = await kit.store();
    const viewer = await kit.member(store, "viewer");
    const suspended = await kit.call("POST", `/v1/stores/${store.id}/suspend`, {
      token: admin.token,
      body: { reason: "Unpaid invoice" },
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body.status).toBe("suspended");

    const storefront = await kit.call("GET", "/v1/public/store", { host: `${store.slug}.localhost` });
    expect(storefront.status).toBe(403);
    expect(storefront.body.code).toBe("store_suspended");
    expect((await kit.call("GET", "/v1/auth/me", { token: viewer.token })).body.code).toBe("store_suspended");
    const login = await kit.call("POST", "/v1/auth/login", {
      body: { email: store.ownerEmail, password: PASSWORD, device: DEVICE },
      store: store.slug,
    });
    expect(login.body.code).toBe("store_suspended");

    expect((await kit.call("POST", `/v1/stores/${store.id}/activate`, { token: admin.token })).status).toBe(
      200,
    );
    expect((await kit.call("GET", "/v1/auth/me", { token: viewer.token })).status).toBe(200);
    expect((await kit.call("GET", "/v1/public/store", { store: store.slug })).status).toBe(200);
  });

  test("owners cannot suspend stores", async () => {
    const store = await kit.store();
    expect(
      (await kit.call("POST", `/v1/stores/${store.id}/suspend`, { token: store.ownerToken })).status,
    ).toBe(403);
  });

  test("store creation, update and suspension are audited", async () => {
    const store = await kit.store();
    await kit.call("PATCH", `/v1/stores/${store.id}`, {
      token: store.ownerToken,
      body: { name: "New name" },
    });
    await kit.call("POST", `/v1/stores/${store.id}/suspend`, { token: admin.token });
    const log = await kit.call("GET", `/v1/audit?storeId=${store.id}&action=store.`, { token: admin.token });
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
      "store.suspend",
      "store.update",
      "store.create",
    ]);
  });

  test("an unknown X-Store is a 404 problem, no store at all is a clear one too", async () => {
    const unknown = await kit.call("GET", "/v1/public/store", { store: "no-such-store" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("store_not_resolved");
    expect((await kit.call("GET", "/v1/public/store")).body.code).toBe("store_not_resolved");
  });
});

describe("store sign-up", () => {
  test("is refused while the platform does not allow it", async () => {
    const answer = await kit.call("POST", "/v1/stores/signup", {
      body: {
        name: "Mine",
        slug: "mine",
        owner: { email: "me@example.com", password: PASSWORD },
        device: DEVICE,
      },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("signup_disabled");
  });

  test("creates the store and logs its new owner in when allowed", async () => {
    const open = await createIdentityKit({ ALLOW_STORE_SIGNUP: "true" });
    try {
      const answer = await open.call("POST", "/v1/stores/signup", {
        body: {
          name: "Mine",
          slug: "mine",
          owner: { email: "me@example.com", password: PASSWORD },
          device: DEVICE,
        },
      });
      expect(answer.status).toBe(201);
      expect(answer.body.store.slug).toBe("mine");
      expect(answer.body.session.user.role).toBe("store_owner");
      const me = await open.call("GET", `/v1/stores/${answer.body.store.id}`, {
        token: answer.body.session.accessToken,
      });
      expect(me.status).toBe(200);
      expect(await open.lastMail("me@example.com")).toContain("Verification token: nwe_");
    } finally {
      await open.dispose();
    }
  });
});
