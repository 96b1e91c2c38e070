import { afterAll, beforeAll, expect, test } from "bun:test";
import { newId } from "../../db/mod.ts";
import { findStoreById, insertStoreDoc } from "../stores/repo.ts";
import { fixtureDirectory, type StreamingKit, startStreamingKit } from "./_test-kit.ts";

let kit: StreamingKit;

beforeAll(async () => {
  kit = await startStreamingKit(
    (storeId) =>
      fixtureDirectory([
        {
          id: "ch-1",
          storeId,
          type: "live",
          packageIds: ["pkg-basic"],
          format: "ts",
          sourceUrls: ["http://127.0.0.1:9/ts/1"],
        },
      ]),
    ["pkg-basic"],
  );
});
afterAll(() => kit.stop());

async function route(store: string) {
  const response = await fetch(`${kit.url}/v1/streaming/node-route?streamId=ch-1&streamType=live&screen=tv`, {
    headers: { ...kit.auth(kit.viewer), "x-store": store },
  });
  return { status: response.status, body: (await response.json()) as { code?: string; url?: string } };
}

test("the node route acts on the store the request names, as every store route does", async () => {
  const own = (await findStoreById(kit.ctx, kit.storeId))?.slug ?? "";
  const other = await insertStoreDoc(kit.ctx, { slug: `o${newId().slice(-10)}`, name: "Another store" });
  const theirs = await route(other);
  expect([theirs.status, theirs.body.code]).toEqual([401, "token_invalid"]);
  const ours = await route(own);
  expect(ours.status).toBe(200);
  expect(ours.body.url).toStartWith(kit.url);
});
