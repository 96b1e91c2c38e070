import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { importNow, type Origin, startOrigin } from "./testing.ts";

let kit: Kit;
let origin: Origin;
let playlist = "";

const v1 = `#EXTM3U x-tvg-url="http://epg.example/guide.xml"
#EXTINF:-1 tvg-id="one.uk" tvg-name="Neve One" tvg-logo="http://logo/one.png" tvg-chno="1" group-title="News",Neve One
http://up.example/live/acc/pw/101.ts
#EXTINF:-1 tvg-id="two.uk" tvg-chno="2" group-title="Sports",Neve Two
http://up.example/live/acc/pw/102.ts
#EXTINF:-1 tvg-id="three.uk" group-title="Sports",Neve Three
http://up.example/live/acc/pw/103.ts
#EXTINF:7200 tvg-logo="http://logo/film.jpg" group-title="Films",The Film (2001)
http://up.example/movie/acc/pw/201.mkv
#EXTINF:-1 group-title="Series Drama",Show S01 E01
http://up.example/series/acc/pw/301.mp4
#EXTINF:-1 group-title="Series Drama",Show S01 E02
http://up.example/series/acc/pw/302.mp4
`;

beforeAll(async () => {
  kit = await createKit();
  origin = startOrigin({ "/list.m3u": () => new Response(playlist) });
});
afterAll(async () => {
  origin.stop();
  await kit.dispose();
});

describe("catalog import from an M3U provider", () => {
  test("imports channels, movies, series and episodes, and re-import keeps ids, applies changes and marks vanished", async () => {
    const storeId = await kit.store();
    const owner = kit.owner(storeId);
    const created = await kit.call("POST", "/v1/providers", {
      as: owner,
      body: {
        name: "Playlist",
        kind: "m3u",
        accounts: [{ url: `${origin.url}/list.m3u?username=acc&password=pw`, maxConnections: 2 }],
      },
    });
    expect(created.status).toBe(201);
    const providerId = created.body.id;

    playlist = v1;
    const first = await importNow(kit, owner, providerId);
    expect(first).toMatchObject({ status: "succeeded", percent: 100 });
    expect(first.counts).toMatchObject({ read: 6, errors: 0, missing: 0 });

    const list = async (type: string) =>
      (await kit.call("GET", `/v1/catalog/items?type=${type}`, { as: owner })).body.items;
    const live = await list("live");
    expect(live.map((i: { name: string }) => i.name)).toEqual(["Neve One", "Neve Two", "Neve Three"]);
    expect(live[0]).toMatchObject({ number: 1, epgId: "one.uk", logo: "http://logo/one.png" });
    expect(live[0].sources).toEqual([{ providerId, format: "ts" }]);
    const [movie] = await list("movie");
    expect(movie).toMatchObject({ name: "The Film (2001)", containerExtension: "mkv", duration: 7200 });
    const [series] = await list("series");
    expect(series.name).toBe("Show");
    const episodes = (await kit.call("GET", `/v1/catalog/items?seriesId=${series.id}`, { as: owner })).body
      .items;
    expect(episodes.map((e: { season: number; episode: number }) => [e.season, e.episode])).toEqual([
      [1, 1],
      [1, 2],
    ]);
    const cats = (await kit.call("GET", "/v1/catalog/categories?type=live", { as: owner })).body.items;
    expect(cats.map((c: { name: string }) => c.name)).toEqual(["News", "Sports"]);

    // Re-import: Neve Two renamed, Neve Three gone, a new channel appears.
    playlist = v1
      .replace(",Neve Two", ",Neve Two HD")
      .replace(/#EXTINF:-1 tvg-id="three.uk"[^\n]*\n[^\n]*\n/, "")
      .concat(
        '#EXTINF:-1 tvg-id="four.uk" group-title="News",Neve Four\nhttp://up.example/live/acc/pw/104.ts\n',
      );
    const second = await importNow(kit, owner, providerId);
    expect(second.counts).toMatchObject({ read: 6, inserted: 1, updated: 1, missing: 1 });
    const again = await list("live");
    const byName = new Map(again.map((i: { name: string }) => [i.name, i]));
    expect(byName.get("Neve One")).toMatchObject({ id: live[0].id, missingSince: null });
    expect(byName.get("Neve Two HD")).toMatchObject({ id: live[1].id });
    expect(byName.get("Neve Three")).toMatchObject({ id: live[2].id });
    expect((byName.get("Neve Three") as { missingSince: string | null }).missingSince).not.toBeNull();
    expect(byName.has("Neve Four")).toBe(true);

    // A third identical import changes nothing.
    const third = await importNow(kit, owner, providerId);
    expect(third.counts).toMatchObject({ inserted: 0, updated: 0, missing: 0, unchanged: 6 + 1 });
  });

  test("an admin's edit survives a re-import and credentials never appear in answers", async () => {
    const storeId = await kit.store();
    const owner = kit.owner(storeId);
    const created = await kit.call("POST", "/v1/providers", {
      as: owner,
      body: {
        name: "P",
        kind: "m3u",
        accounts: [{ url: `${origin.url}/list.m3u?username=acc&password=pw` }],
      },
    });
    playlist = v1;
    await importNow(kit, owner, created.body.id);
    const [one] = (await kit.call("GET", "/v1/catalog/items?type=live", { as: owner })).body.items;
    await kit.call("PATCH", `/v1/catalog/items/${one.id}`, {
      as: owner,
      body: { name: "My One", epgId: "custom.id" },
    });
    await importNow(kit, owner, created.body.id);
    const after = (await kit.call("GET", `/v1/catalog/items/${one.id}`, { as: owner })).body;
    expect(after).toMatchObject({ name: "My One", epgId: "custom.id", locked: ["name", "epgId"] });
    const answers = JSON.stringify([
      after,
      (await kit.call("GET", "/v1/providers", { as: owner })).body,
      (await kit.call("GET", "/v1/catalog/items", { as: owner })).body,
    ]);
    expect(answers).not.toContain("password=pw");
    expect(answers).not.toContain("/acc/pw/");
  });

  test("another store's provider, items and imports are 404, and its provider cannot be imported", async () => {
    const a = await kit.store();
    const b = await kit.store();
    const created = await kit.call("POST", "/v1/providers", {
      as: kit.owner(a),
      body: { name: "P", kind: "m3u", accounts: [{ url: `${origin.url}/list.m3u` }] },
    });
    playlist = v1;
    const done = await importNow(kit, kit.owner(a), created.body.id);
    const [item] = (await kit.call("GET", "/v1/catalog/items", { as: kit.owner(a) })).body.items;
    const other = kit.owner(b);
    expect((await kit.call("GET", `/v1/providers/${created.body.id}`, { as: other })).status).toBe(404);
    expect((await kit.call("GET", `/v1/catalog/items/${item.id}`, { as: other })).status).toBe(404);
    expect((await kit.call("GET", `/v1/catalog/imports/${done.id}`, { as: other })).status).toBe(404);
    const start = await kit.call("POST", "/v1/catalog/imports", {
      as: other,
      body: { providerId: created.body.id },
    });
    expect([start.status, start.body.code, start.body.pointer]).toEqual([
      422,
      "reference_not_found",
      "/providerId",
    ]);
  });
});

test("two imports of one provider never run at once: the second fails and is retried later", async () => {
  const { createImport } = await import("./imports.ts");
  const { runCatalogImport } = await import("./run-import.ts");
  const storeId = await kit.store();
  const owner = kit.owner(storeId);
  const created = await kit.call("POST", "/v1/providers", {
    as: owner,
    body: { name: "P", kind: "m3u", accounts: [{ url: `${origin.url}/list.m3u` }] },
  });
  playlist = v1;
  const a = await createImport(kit.ctx, storeId, "catalog", created.body.id);
  const b = await createImport(kit.ctx, storeId, "catalog", created.body.id);
  const [ra, rb] = await Promise.all([
    runCatalogImport(kit.ctx, storeId, a._id),
    runCatalogImport(kit.ctx, storeId, b._id),
  ]);
  expect([ra.status, rb.status].sort()).toEqual(["failed", "succeeded"]);
  expect([ra, rb].find((r) => r.status === "failed")?.failure).toContain("Another import of this provider");
  expect((await kit.call("GET", "/v1/catalog/items?type=live", { as: owner })).body.items).toHaveLength(3);
  const again = await runCatalogImport(
    kit.ctx,
    storeId,
    (await createImport(kit.ctx, storeId, "catalog", created.body.id))._id,
  );
  expect(again.status).toBe("succeeded");
});
