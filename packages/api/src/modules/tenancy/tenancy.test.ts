import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createIdentityKit, type IdentityKit } from "../identity/testing.ts";
import { resolveStore, targetStore } from "./mod.ts";

let kit: IdentityKit;
let admin: { token: string };
let store: { id: string; slug: string; ownerToken: string };

beforeAll(async () => {
  kit = await createIdentityKit();
  admin = await kit.admin();
  store = await kit.store();
});
afterAll(() => kit.dispose());

const request = (host: string, headers: Record<string, string> = {}) =>
  new Request(`http://${host}/v1/x`, { headers });

describe("store resolution", () => {
  test("resolves <slug>.<platform domain>, with or without a port", async () => {
    expect((await resolveStore(kit.ctx, request(`${store.slug}.localhost`)))?._id).toBe(store.id);
    expect((await resolveStore(kit.ctx, request(`${store.slug.toUpperCase()}.localhost:8080`)))?._id).toBe(
      store.id,
    );
  });

  test("falls back to X-Store by slug or id on the platform host", async () => {
    expect((await resolveStore(kit.ctx, request("localhost", { "x-store": store.slug })))?._id).toBe(
      store.id,
    );
    expect((await resolveStore(kit.ctx, request("localhost", { "x-store": store.id })))?._id).toBe(store.id);
    expect(await resolveStore(kit.ctx, request("localhost"))).toBeNull();
  });

  test("the host wins over X-Store", async () => {
    const other = await kit.store();
    const resolved = await resolveStore(
      kit.ctx,
      request(`${store.slug}.localhost`, { "x-store": other.slug }),
    );
    expect(resolved?._id).toBe(store.id);
  });

  test("an unknown subdomain resolves to no store, an unknown X-Store is an error", async () => {
    expect(await resolveStore(kit.ctx, request("nothing-here.localhost"))).toBeNull();
    await expect(resolveStore(kit.ctx, request("localhost", { "x-store": "nothing-here" }))).rejects.toThrow(
      "X-Store",
    );
  });

  test("a store created after a failed lookup resolves at once", async () => {
    expect(await resolveStore(kit.ctx, request("late-comer.localhost"))).toBeNull();
    const created = await kit.call("POST", "/v1/stores", {
      token: admin.token,
      body: { name: "Late", slug: "late-comer" },
    });
    expect(created.status).toBe(201);
    expect((await resolveStore(kit.ctx, request("late-comer.localhost")))?._id).toBe(created.body.id);
  });

  test("a suspension takes effect at once despite the cache", async () => {
    const fresh = await kit.store();
    expect((await kit.call("GET", "/v1/public/store", { store: fresh.slug })).status).toBe(200);
    await kit.call("POST", `/v1/stores/${fresh.id}/suspend`, { token: admin.token });
    const answer = await kit.call("GET", "/v1/public/store", { store: fresh.slug });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("store_suspended");
  });
});

describe("targetStore", () => {
  const owner = { id: "u1", kind: "user", role: "store_owner", storeId: "s1", permissions: [] } as const;
  const admin = { id: "a1", kind: "user", role: "platform_admin", storeId: null, permissions: [] } as const;
  const tenant = (id: string) => ({ _id: id }) as Parameters<typeof targetStore>[1];

  test("store members act on their own store whatever they ask for", () => {
    expect(targetStore(owner, null, "s2")).toBe("s1");
    expect(targetStore(owner, tenant("s1"))).toBe("s1");
  });

  test("a store member's credential at another store's address is refused", () => {
    expect(() => targetStore(owner, tenant("s2"))).toThrow("another store");
  });

  test("platform admins act on the named or resolved store, and must name one", () => {
    expect(targetStore(admin, tenant("s2"))).toBe("s2");
    expect(targetStore(admin, tenant("s2"), "s3")).toBe("s3");
    expect(() => targetStore(admin, null)).toThrow();
  });
});

describe("token at another store", () => {
  test("a viewer's token used at another store's host is refused", async () => {
    const other = await kit.store();
    const answer = await kit.call("GET", "/v1/users", {
      token: store.ownerToken,
      host: `${other.slug}.localhost`,
    });
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("token_invalid");
  });
});
