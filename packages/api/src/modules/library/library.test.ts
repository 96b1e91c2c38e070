import { afterAll, beforeAll, expect, test } from "bun:test";
import { entitle, importPlaylist, type Origin, startOrigin } from "../catalog/testing.ts";
import { createKit, type Kit } from "../entitlements/testing.ts";

let kit: Kit;
let origin: Origin;

const playlist = `#EXTM3U
#EXTINF:-1 tvg-id="one.uk" group-title="News",UK: Neve News
http://up.example/live/a/b/1.ts
#EXTINF:-1 group-title="Sports",Neve Sport
http://up.example/live/a/b/2.ts
#EXTINF:5400 group-title="Films",Neverland Story
http://up.example/movie/a/b/10.mp4
#EXTINF:-1 group-title="Drama",Neve Show S01 E01
http://up.example/series/a/b/20.mp4
`;

beforeAll(async () => {
  kit = await createKit();
  origin = startOrigin({ "/list.m3u": playlist });
});
afterAll(async () => {
  origin.stop();
  await kit.dispose();
});

async function setup() {
  const storeId = await kit.store();
  const owner = kit.owner(storeId);
  await importPlaylist(kit, owner, `${origin.url}/list.m3u`);
  const cats = (await kit.call("GET", "/v1/catalog/categories", { as: owner })).body.items;
  const byName = (name: string) => cats.find((c: { name: string }) => c.name === name).id;
  const items = (await kit.call("GET", "/v1/catalog/items?limit=50", { as: owner })).body.items;
  const item = (name: string) => items.find((i: { name: string }) => i.name === name);
  return { storeId, owner, byName, item };
}

test("a viewer sees only what their plan's packages include, by category, package and search", async () => {
  const s = await setup();
  const viewer = await kit.viewer(s.storeId);
  const { packageIds } = await entitle(kit, s.storeId, viewer, [
    { categoryIds: [s.byName("News")] },
    { itemIds: [s.item("Neverland Story").id] },
  ]);
  const names = async (query: string) =>
    (await kit.call("GET", `/v1/me/catalog/items${query}`, { as: viewer })).body.items.map(
      (i: { name: string }) => i.name,
    );
  expect(await names("?type=live")).toEqual(["UK: Neve News"]);
  expect(await names("?type=movie")).toEqual(["Neverland Story"]);
  expect(await names("?type=series")).toEqual([]);
  expect(await names(`?packageId=${packageIds[1]}`)).toEqual(["Neverland Story"]);
  expect(await names(`?categoryId=${s.byName("Sports")}`)).toEqual([]);

  // A package the plan does not include shows nothing, and another viewer without a plan is refused.
  const sportsPkg = await kit.call("POST", "/v1/catalog/packages", {
    as: s.owner,
    body: { name: "Sports", categoryIds: [s.byName("Sports")] },
  });
  expect(await names(`?packageId=${sportsPkg.body.id}`)).toEqual([]);
  const stranger = await kit.viewer(s.storeId);
  const refused = await kit.call("GET", "/v1/me/catalog/items", { as: stranger });
  expect(refused.status).toBe(403);
  expect(refused.body.code).toBe("no_subscription");

  const found = (await kit.call("GET", "/v1/me/search?q=neve", { as: viewer })).body;
  expect(found.channels.map((i: { name: string }) => i.name)).toEqual(["UK: Neve News"]);
  expect(found.movies.map((i: { name: string }) => i.name)).toEqual(["Neverland Story"]);
  expect(found.series).toEqual([]);
});

test("favorites, recently watched and continue watching are kept per profile", async () => {
  const s = await setup();
  const viewer = await kit.viewer(s.storeId);
  await entitle(kit, s.storeId, viewer, [
    { categoryIds: [s.byName("News"), s.byName("Films"), s.byName("Drama")] },
  ]);
  const main = (await kit.call("POST", "/v1/me/profiles", { as: viewer, body: { name: "Anna" } })).body;
  const kids = (await kit.call("POST", "/v1/me/profiles", { as: viewer, body: { name: "Kids", kids: true } }))
    .body;
  const news = s.item("UK: Neve News");
  const film = s.item("Neverland Story");
  const sport = s.item("Neve Sport");

  expect(
    (await kit.call("PUT", `/v1/me/profiles/${main.id}/favorites/${news.id}`, { as: viewer })).status,
  ).toBe(204);
  expect(
    (await kit.call("PUT", `/v1/me/profiles/${main.id}/favorites/${news.id}`, { as: viewer })).status,
  ).toBe(204);
  expect(
    (await kit.call("PUT", `/v1/me/profiles/${main.id}/favorites/${sport.id}`, { as: viewer })).status,
  ).toBe(404);
  const favs = (await kit.call("GET", `/v1/me/profiles/${main.id}/favorites`, { as: viewer })).body.items;
  expect(favs.map((f: { item: { id: string } }) => f.item.id)).toEqual([news.id]);
  expect((await kit.call("GET", `/v1/me/profiles/${kids.id}/favorites`, { as: viewer })).body.items).toEqual(
    [],
  );

  await kit.call("PUT", `/v1/me/profiles/${main.id}/progress/${news.id}`, {
    as: viewer,
    body: { position: 0 },
  });
  await Bun.sleep(5);
  await kit.call("PUT", `/v1/me/profiles/${main.id}/progress/${film.id}`, {
    as: viewer,
    body: { position: 1200 },
  });
  const recent = (await kit.call("GET", `/v1/me/profiles/${main.id}/recent`, { as: viewer })).body.items;
  expect(recent.map((r: { item: { name: string } }) => r.item.name)).toEqual([
    "Neverland Story",
    "UK: Neve News",
  ]);
  const cont = (await kit.call("GET", `/v1/me/profiles/${main.id}/continue`, { as: viewer })).body.items;
  expect(cont).toEqual([expect.objectContaining({ position: 1200, duration: 5400 })]);
  await kit.call("PUT", `/v1/me/profiles/${main.id}/progress/${film.id}`, {
    as: viewer,
    body: { position: 5300 },
  });
  expect((await kit.call("GET", `/v1/me/profiles/${main.id}/continue`, { as: viewer })).body.items).toEqual(
    [],
  );

  // Another viewer cannot use this viewer's profile.
  const other = await kit.viewer(s.storeId);
  await entitle(kit, s.storeId, other, [{ categoryIds: [s.byName("News")] }]);
  expect((await kit.call("GET", `/v1/me/profiles/${main.id}/favorites`, { as: other })).status).toBe(404);
});
