import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createKit, type Kit } from "../entitlements/testing.ts";

let kit: Kit;
let storeA: string;
let storeB: string;

beforeAll(async () => {
  kit = await createKit();
  storeA = await kit.store({ maxProfiles: 3 });
  storeB = await kit.store();
});
afterAll(() => kit.dispose());

describe("profiles", () => {
  test("a new viewer finds one profile made for them on first use", async () => {
    const viewer = await kit.viewer(storeA);
    const first = await kit.call("GET", "/v1/me/profiles", { as: viewer });
    expect(first.status).toBe(200);
    expect(first.body.limit).toBe(3);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0]).toMatchObject({ name: "Main", kids: false, hasPin: false });
    const again = await kit.call("GET", "/v1/me/profiles", { as: viewer });
    expect(again.body.items).toEqual(first.body.items);
  });

  test("concurrent first visits still make only one profile", async () => {
    const viewer = await kit.viewer(storeA);
    await Promise.all([1, 2, 3, 4].map(() => kit.call("GET", "/v1/me/profiles", { as: viewer })));
    expect((await kit.call("GET", "/v1/me/profiles", { as: viewer })).body.items).toHaveLength(1);
  });

  test("creates, reads, updates and deletes a profile without exposing the PIN hash", async () => {
    const viewer = await kit.viewer(storeA);
    const created = await kit.call("POST", "/v1/me/profiles", {
      as: viewer,
      body: {
        name: "Kids",
        kids: true,
        language: "it",
        pin: "4821",
        avatarUrl: "https://cdn.example.com/fox.png",
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Kids", kids: true, language: "it", hasPin: true });
    expect(JSON.stringify(created.body)).not.toContain("4821");
    expect(created.body.pinHash).toBeUndefined();
    const id = created.body.id as string;

    expect((await kit.call("GET", `/v1/me/profiles/${id}`, { as: viewer })).body).toEqual(created.body);
    const renamed = await kit.call("PATCH", `/v1/me/profiles/${id}`, {
      as: viewer,
      body: { name: "Anna", pin: null },
    });
    expect(renamed.body).toMatchObject({ name: "Anna", hasPin: false });
    expect((await kit.call("DELETE", `/v1/me/profiles/${id}`, { as: viewer })).status).toBe(204);
    expect((await kit.call("GET", `/v1/me/profiles/${id}`, { as: viewer })).status).toBe(404);
  });

  test("refuses more profiles than the store allows", async () => {
    const viewer = await kit.viewer(storeA);
    for (const name of ["One", "Two", "Three"]) {
      expect((await kit.call("POST", "/v1/me/profiles", { as: viewer, body: { name } })).status).toBe(201);
    }
    const fourth = await kit.call("POST", "/v1/me/profiles", { as: viewer, body: { name: "Four" } });
    expect(fourth.status).toBe(409);
    expect(fourth.body).toMatchObject({ code: "profile_limit_reached", limit: 3 });
  });

  test("defaults to five profiles when the store sets no other limit", async () => {
    const viewer = await kit.viewer(storeB);
    expect((await kit.call("GET", "/v1/me/profiles", { as: viewer })).body.limit).toBe(5);
  });

  test("validates the PIN, name and language", async () => {
    const viewer = await kit.viewer(storeA);
    for (const body of [
      { name: "X", pin: "12345" },
      { name: "X", pin: "12a4" },
      { name: "" },
      { name: "X", language: "Italian" },
      { name: "X", owner: "me" },
    ]) {
      const res = await kit.call("POST", "/v1/me/profiles", { as: viewer, body });
      expect(res.status).toBe(400);
    }
  });
});

describe("PIN check", () => {
  test("accepts the right PIN and refuses a wrong one with pin_incorrect", async () => {
    const viewer = await kit.viewer(storeA);
    const { body: profile } = await kit.call("POST", "/v1/me/profiles", {
      as: viewer,
      body: { name: "P", pin: "1234" },
    });
    const path = `/v1/me/profiles/${profile.id}/pin/verify`;
    const right = await kit.call("POST", path, { as: viewer, body: { pin: "1234" } });
    expect([right.status, right.body]).toEqual([200, { valid: true }]);
    const wrong = await kit.call("POST", path, { as: viewer, body: { pin: "0000" } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe("pin_incorrect");
  });

  test("locks the profile out after repeated wrong PINs, even for the right one", async () => {
    const viewer = await kit.viewer(storeA);
    const { body: profile } = await kit.call("POST", "/v1/me/profiles", {
      as: viewer,
      body: { name: "P", pin: "1234" },
    });
    const path = `/v1/me/profiles/${profile.id}/pin/verify`;
    const codes: string[] = [];
    for (const pin of ["0000", "0001", "0002", "0003"]) {
      codes.push((await kit.call("POST", path, { as: viewer, body: { pin } })).body.code);
    }
    expect(codes).toEqual(["pin_incorrect", "pin_incorrect", "pin_incorrect", "rate_limited"]);
    const right = await kit.call("POST", path, { as: viewer, body: { pin: "1234" } });
    expect(right.status).toBe(429);
    expect(right.body.retryAfter).toBeGreaterThan(0);
    expect(Number(right.headers.get("retry-after"))).toBe(right.body.retryAfter);
  });
});

describe("profile isolation", () => {
  test("another viewer, in this store or another, gets not_found for every profile route", async () => {
    const viewer = await kit.viewer(storeA);
    const { body: profile } = await kit.call("POST", "/v1/me/profiles", {
      as: viewer,
      body: { name: "Mine", pin: "1234" },
    });
    for (const stranger of [await kit.viewer(storeA), await kit.viewer(storeB)]) {
      const path = `/v1/me/profiles/${profile.id}`;
      expect((await kit.call("GET", path, { as: stranger })).status).toBe(404);
      expect((await kit.call("PATCH", path, { as: stranger, body: { name: "Theirs" } })).status).toBe(404);
      expect(
        (await kit.call("POST", `${path}/pin/verify`, { as: stranger, body: { pin: "1234" } })).status,
      ).toBe(404);
      expect((await kit.call("DELETE", path, { as: stranger })).status).toBe(404);
      const list = await kit.call("GET", "/v1/me/profiles", { as: stranger });
      expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(profile.id);
    }
    expect((await kit.call("GET", `/v1/me/profiles/${profile.id}`, { as: viewer })).body.name).toBe("Mine");
  });
});
