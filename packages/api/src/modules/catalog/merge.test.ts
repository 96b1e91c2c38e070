import { afterAll, beforeAll, expect, test } from "bun:test";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { resolveSources } from "./mod.ts";
import { importNow, type Origin, startOrigin } from "./testing.ts";

let kit: Kit;
let origin: Origin;
let listB = "";
const listA = `#EXTM3U
#EXTINF:-1 tvg-id="one.uk" group-title="News",Neve One
http://a.example/live/ua/pa/101.ts
`;

beforeAll(async () => {
  kit = await createKit();
  origin = startOrigin({ "/a.m3u": listA, "/b.m3u": () => new Response(listB) });
});
afterAll(async () => {
  origin.stop();
  await kit.dispose();
});

test("one channel from two providers: merged sources in priority order, reorderable, kept current on re-import", async () => {
  const storeId = await kit.store();
  const owner = kit.owner(storeId);
  const provider = async (name: string, path: string, user: string) =>
    (
      await kit.call("POST", "/v1/providers", {
        as: owner,
        body: {
          name,
          kind: "m3u",
          accounts: [{ url: `${origin.url}${path}?username=${user}&password=p${user.slice(1)}` }],
        },
      })
    ).body.id;
  const a = await provider("A", "/a.m3u", "ua");
  const b = await provider("B", "/b.m3u", "ub");
  listB = `#EXTM3U\n#EXTINF:-1 tvg-id="one.uk" group-title="News",UK: Neve One HD\nhttp://b.example/live/ub/pb/9.ts\n`;
  await importNow(kit, owner, a);
  await importNow(kit, owner, b);
  const live = (await kit.call("GET", "/v1/catalog/items?type=live", { as: owner })).body.items;
  const [fromA, fromB] = live;
  const merged = await kit.call("POST", `/v1/catalog/items/${fromA.id}/merge`, {
    as: owner,
    body: { fromIds: [fromB.id] },
  });
  expect(merged.status).toBe(200);
  expect(merged.body.sources.map((s: { providerId: string }) => s.providerId)).toEqual([a, b]);
  const hidden = (await kit.call("GET", `/v1/catalog/items/${fromB.id}`, { as: owner })).body;
  expect(hidden).toMatchObject({ enabled: false, mergedInto: fromA.id });

  const urls = async () => (await resolveSources(kit.ctx, storeId, "live", fromA.id)).map((s) => s.url);
  expect(await urls()).toEqual(["http://a.example/live/ua/pa/101.ts", "http://b.example/live/ub/pb/9.ts"]);
  await kit.call("PUT", `/v1/catalog/items/${fromA.id}/sources`, { as: owner, body: { order: [1, 0] } });
  expect(await urls()).toEqual(["http://b.example/live/ub/pb/9.ts", "http://a.example/live/ua/pa/101.ts"]);
  expect(
    (await kit.call("PUT", `/v1/catalog/items/${fromA.id}/sources`, { as: owner, body: { order: [0, 0] } }))
      .status,
  ).toBe(422);

  // Provider B moves the stream to another host: the merged copy follows; the hidden item stays hidden.
  listB = listB.replace("b.example", "b2.example");
  await importNow(kit, owner, b);
  expect(await urls()).toEqual(["http://b2.example/live/ub/pb/9.ts", "http://a.example/live/ua/pa/101.ts"]);
  expect((await kit.call("GET", `/v1/catalog/items/${fromB.id}`, { as: owner })).body.enabled).toBe(false);
});
