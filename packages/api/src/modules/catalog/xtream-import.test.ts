import { afterAll, beforeAll, expect, test } from "bun:test";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { type FakePanel, startFakeXtream } from "./_fake-xtream.ts";
import { importNow, type Origin } from "./testing.ts";

let kit: Kit;
let origin: Origin;
const panel: FakePanel = {
  username: "neve",
  password: "s3cret",
  live: [
    { id: 101, name: "Neve One", category: "News", epg: "one.uk", logo: "http://logo/1.png" },
    { id: 102, name: "Neve Two", category: "Sports" },
  ],
  vod: [{ id: 201, name: "The Film", category: "Films", rating: "7.5", ext: "mkv" }],
  series: [
    {
      id: 301,
      name: "Show",
      category: "Drama",
      plot: "A show",
      cover: "http://logo/show.jpg",
      episodes: [
        { id: 3011, season: 1, episode: 1, title: "Pilot", ext: "mp4" },
        { id: 3012, season: 1, episode: 2, title: "Second", ext: "mp4" },
        { id: 3021, season: 2, episode: 1, title: "Return", ext: "mkv" },
      ],
    },
  ],
};

beforeAll(async () => {
  kit = await createKit();
  origin = startFakeXtream(panel);
});
afterAll(async () => {
  origin.stop();
  await kit.dispose();
});

test("imports an Xtream Codes panel through player_api with metadata, seasons and episodes, idempotently", async () => {
  const storeId = await kit.store();
  const owner = kit.owner(storeId);
  const created = await kit.call("POST", "/v1/providers", {
    as: owner,
    body: {
      name: "Panel",
      kind: "xtream",
      baseUrl: origin.url,
      accounts: [{ username: "neve", password: "s3cret", maxConnections: 2 }],
    },
  });
  expect(created.status).toBe(201);
  expect(created.body.accounts[0]).toMatchObject({
    username: "ne••••",
    hasPassword: true,
    maxConnections: 2,
  });
  expect(JSON.stringify(created.body)).not.toContain("s3cret");

  const first = await importNow(kit, owner, created.body.id);
  expect(first).toMatchObject({ status: "succeeded", percent: 100 });
  expect(first.counts).toMatchObject({ read: 6, errors: 0 });
  const all = (await kit.call("GET", "/v1/catalog/items?limit=50", { as: owner })).body.items;
  const byName = new Map(all.map((i: { name: string }) => [i.name, i]));
  expect(byName.get("Neve One")).toMatchObject({ type: "live", epgId: "one.uk", logo: "http://logo/1.png" });
  expect(byName.get("The Film")).toMatchObject({ type: "movie", rating: 7.5, containerExtension: "mkv" });
  expect(byName.get("Show")).toMatchObject({ type: "series", plot: "A show", logo: "http://logo/show.jpg" });
  const show = byName.get("Show") as { id: string };
  const episodes = (await kit.call("GET", `/v1/catalog/items?seriesId=${show.id}`, { as: owner })).body.items;
  expect(
    episodes.map((e: { season: number; episode: number; containerExtension: string }) => [
      e.season,
      e.episode,
      e.containerExtension,
    ]),
  ).toEqual([
    [1, 1, "mp4"],
    [1, 2, "mp4"],
    [2, 1, "mkv"],
  ]);

  const again = await importNow(kit, owner, created.body.id);
  expect(again.counts).toMatchObject({ inserted: 0, updated: 0, missing: 0 });
  const after = (await kit.call("GET", "/v1/catalog/items?limit=50", { as: owner })).body.items;
  expect(after.map((i: { id: string }) => i.id).sort()).toEqual(all.map((i: { id: string }) => i.id).sort());
});

test("a refused panel login fails the import with a clear message and keeps the catalog", async () => {
  const storeId = await kit.store();
  const owner = kit.owner(storeId);
  const created = await kit.call("POST", "/v1/providers", {
    as: owner,
    body: {
      name: "Panel",
      kind: "xtream",
      baseUrl: origin.url,
      accounts: [{ username: "neve", password: "wrong" }],
    },
  });
  const done = await importNow(kit, owner, created.body.id);
  expect(done.status).toBe("failed");
  expect(done.failure).toBeTruthy();
  expect(done.failure).not.toContain("wrong");
});
