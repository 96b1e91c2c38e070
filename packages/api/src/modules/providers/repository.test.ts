import { afterAll, beforeAll, expect, test } from "bun:test";
import { createKit, type Kit } from "../entitlements/testing.ts";
import * as providers from "./mod.ts";

let kit: Kit;

beforeAll(async () => {
  kit = await createKit();
});
afterAll(() => kit.dispose());

test("the module's face gives other modules scoped repository functions, not its collections", () => {
  const names = Object.keys(providers);
  expect(names).toEqual(
    expect.arrayContaining(["playableAccounts", "accountConnectionLimit", "getProviderDoc"]),
  );
  expect(names.filter((name) => /collection/i.test(name) && name !== "PROVIDERS_COLLECTION")).toEqual([]);
});

test("a store's playable accounts are its own providers' only, and only while enabled", async () => {
  const [storeA, storeB] = [await kit.store(), await kit.store()];
  const created = await kit.call("POST", "/v1/providers", {
    as: kit.owner(storeA),
    body: {
      name: "A",
      kind: "m3u",
      accounts: [{ url: "http://up.example/list.m3u?username=u&password=p", maxConnections: 3 }],
    },
  });
  const id = created.body.id as string;
  const accounts = await providers.playableAccounts(kit.ctx, storeA, id);
  expect(accounts?.map((a) => [a.username, a.password, a.maxConnections])).toEqual([["u", "p", 3]]);
  expect(await providers.playableAccounts(kit.ctx, storeB, id)).toBeNull();
  expect(await providers.accountConnectionLimit(kit.ctx, created.body.accounts[0].id)).toBe(3);
  await kit.call("PATCH", `/v1/providers/${id}`, { as: kit.owner(storeA), body: { enabled: false } });
  expect(await providers.playableAccounts(kit.ctx, storeA, id)).toBeNull();
});
