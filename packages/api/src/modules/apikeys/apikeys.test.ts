import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createIdentityKit, type IdentityKit } from "../identity/testing.ts";

let kit: IdentityKit;
let store: { id: string; slug: string; ownerToken: string };

beforeAll(async () => {
  kit = await createIdentityKit();
  store = await kit.store();
});
afterAll(() => kit.dispose());

const create = (token: string, permissions: string[], name = "Billing sync") =>
  kit.call("POST", "/v1/api-keys", { token, body: { name, permissions } });

describe("API keys", () => {
  test("create → use → revoke → refused", async () => {
    const created = await create(store.ownerToken, ["users.read"]);
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toStartWith("nwk_");
    expect(created.body.prefix).toBe(key.slice(0, 10));
    expect(created.body.hash).toBeUndefined();

    const bearer = await kit.call("GET", "/v1/users", { token: key });
    expect(bearer.status).toBe(200);
    const header = await kit.call("GET", "/v1/users", { headers: { "x-api-key": key } });
    expect(header.status).toBe(200);

    const listed = await kit.call("GET", "/v1/api-keys", { token: store.ownerToken });
    const entry = listed.body.find((k: { id: string }) => k.id === created.body.id);
    expect(entry.key).toBeUndefined();
    expect(entry.lastUsedAt).toBeString();

    const revoked = await kit.call("DELETE", `/v1/api-keys/${created.body.id}`, { token: store.ownerToken });
    expect(revoked.status).toBe(204);
    const refused = await kit.call("GET", "/v1/users", { token: key });
    expect(refused.status).toBe(401);
  });

  test("a key can do only what its permissions allow", async () => {
    const created = await create(store.ownerToken, ["users.read"]);
    const key = created.body.key;
    const change = await kit.call("PATCH", `/v1/stores/${store.id}`, {
      token: key,
      body: { name: "Hijacked" },
    });
    expect(change.status).toBe(403);
    expect((await kit.call("GET", "/v1/audit", { token: key })).status).toBe(403);
  });

  test("a key is bound to its store", async () => {
    const other = await kit.store();
    const key = (await create(store.ownerToken, ["users.read", "store.manage"])).body.key;
    expect((await kit.call("GET", `/v1/stores/${other.id}`, { token: key })).status).toBe(404);
    const elsewhere = await kit.call("GET", "/v1/users", { token: key, store: other.slug });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body.code).toBe("token_invalid");
  });

  test("staff cannot hand a key more than they hold", async () => {
    const staff = await kit.member(store, "store_staff", ["api_keys.manage", "users.read"]);
    expect((await create(staff.token, ["users.read"])).status).toBe(201);
    const wider = await create(staff.token, ["users.manage"]);
    expect(wider.status).toBe(403);
  });

  test("viewers cannot manage keys, and another store's key answers 404", async () => {
    const viewer = await kit.member(store, "viewer");
    expect((await create(viewer.token, ["users.read"])).status).toBe(403);
    const other = await kit.store();
    const theirs = await create(other.ownerToken, ["users.read"]);
    const answer = await kit.call("DELETE", `/v1/api-keys/${theirs.body.id}`, { token: store.ownerToken });
    expect(answer.status).toBe(404);
    expect((await kit.call("GET", "/v1/users", { token: theirs.body.key })).status).toBe(200);
  });

  test("refuses permissions outside the fixed list", async () => {
    expect((await create(store.ownerToken, ["everything"])).status).toBe(400);
    expect((await create(store.ownerToken, [])).status).toBe(400);
  });

  test("creation and revocation are audited", async () => {
    const created = await create(store.ownerToken, ["users.read"], "Audited");
    await kit.call("DELETE", `/v1/api-keys/${created.body.id}`, { token: store.ownerToken });
    const log = await kit.call("GET", "/v1/audit?action=api_key.", { token: store.ownerToken });
    const mine = log.body.items.filter((e: { targetId: string }) => e.targetId === created.body.id);
    expect(mine.map((e: { action: string }) => e.action)).toEqual(["api_key.revoke", "api_key.create"]);
  });
});
