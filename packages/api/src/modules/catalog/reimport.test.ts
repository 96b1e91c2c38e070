import { afterAll, beforeAll, expect, test } from "bun:test";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { resolveSources } from "./mod.ts";
import { importNow, type Origin, startOrigin } from "./testing.ts";

let kit: Kit;
let origin: Origin;
let downloads = 0;
let host = "cdn.example";
let entries: Array<{ tvg?: string; name: string; path: string; film?: boolean }> = [];

/** Like many providers' playlists: every download signs its stream URLs with a fresh token. */
function playlist(): string {
  downloads++;
  const lines = ["#EXTM3U"];
  for (const e of entries) {
    const tvg = e.tvg ? ` tvg-id="${e.tvg}"` : "";
    lines.push(
      `#EXTINF:${e.film ? "5400" : "-1"}${tvg} group-title="${e.film ? "Films" : "News"}",${e.name}`,
    );
    lines.push(`http://${host}${e.path}?token=t${downloads}`);
  }
  return `${lines.join("\n")}\n`;
}

const STABLE = `#EXTM3U
#EXTINF:-1 tvg-id="one.uk" group-title="News",Neve One
http://up.example/one.m3u8
#EXTINF:-1 tvg-id="two.uk" group-title="News",Neve Two
http://up.example/two.m3u8
#EXTINF:-1 tvg-id="three.uk" group-title="News",Neve Three
http://up.example/three.m3u8
`;
let stable = STABLE;

beforeAll(async () => {
  kit = await createKit();
  origin = startOrigin({
    "/signed.m3u": () => new Response(playlist()),
    "/stable.m3u": () => new Response(stable),
  });
});
afterAll(async () => {
  origin.stop();
  await kit.dispose();
});

async function provider(storeId: string, path: string): Promise<string> {
  const created = await kit.call("POST", "/v1/providers", {
    as: kit.owner(storeId),
    body: { name: path, kind: "m3u", accounts: [{ url: `${origin.url}${path}` }] },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function catalog(
  storeId: string,
): Promise<Array<{ id: string; name: string; missingSince: string | null }>> {
  return (await kit.call("GET", "/v1/catalog/items?limit=200", { as: kit.owner(storeId) })).body.items;
}

/** The durable job's own answer, as an admin reads it on /v1/jobs. */
async function jobResult(importId: string): Promise<Record<string, unknown>> {
  const jobs = (await kit.call("GET", "/v1/jobs?type=catalog.import&limit=200", { as: kit.admin() })).body
    .items;
  return jobs.find((j: { result: { importId?: string } | null }) => j.result?.importId === importId)?.result;
}

test("re-importing the same M3U updates the items it has and reports new, updated and removed", async () => {
  const storeId = await kit.store();
  const owner = kit.owner(storeId);
  const id = await provider(storeId, "/stable.m3u");
  const first = await importNow(kit, owner, id);
  expect(first.counts).toMatchObject({ inserted: 3, updated: 0, missing: 0 });
  const before = await catalog(storeId);

  const again = await importNow(kit, owner, id);
  expect(again.counts).toMatchObject({ inserted: 0, updated: 0, missing: 0, unchanged: 3 });
  expect((await catalog(storeId)).map((i) => i.id)).toEqual(before.map((i) => i.id));
  expect(await jobResult(again.id)).toMatchObject({ new: 0, updated: 0, removed: 0 });

  stable = STABLE.replace(",Neve Two", ",Neve Two HD");
  const renamed = await importNow(kit, owner, id);
  expect(renamed.counts).toMatchObject({ inserted: 0, updated: 1, missing: 0 });
  expect(await jobResult(renamed.id)).toMatchObject({ new: 0, updated: 1, removed: 0 });

  stable = stable.replace(/#EXTINF:-1 tvg-id="three.uk"[^\n]*\n[^\n]*\n/, "");
  const dropped = await importNow(kit, owner, id);
  expect(dropped.counts).toMatchObject({ inserted: 0, updated: 0, missing: 1 });
  expect(await jobResult(dropped.id)).toMatchObject({ new: 0, updated: 0, removed: 1 });
  const after = await catalog(storeId);
  expect(after.map((i) => i.id)).toEqual(before.map((i) => i.id));
  expect(after.filter((i) => i.missingSince !== null).map((i) => i.name)).toEqual(["Neve Three"]);
});

test("a playlist whose stream URLs carry a fresh token on every download, or move host, keeps one item per entry", async () => {
  const storeId = await kit.store();
  const owner = kit.owner(storeId);
  entries = [
    { tvg: "one.uk", name: "Neve One", path: "/live/one.m3u8" },
    { tvg: "two.uk", name: "Neve Two", path: "/live/two.m3u8" },
    { name: "The Film (2001)", path: "/films/film.mp4", film: true },
  ];
  const id = await provider(storeId, "/signed.m3u");
  const first = await importNow(kit, owner, id);
  expect(first.counts).toMatchObject({ read: 3, inserted: 3 });
  const before = await catalog(storeId);
  expect(before).toHaveLength(3);

  const again = await importNow(kit, owner, id);
  expect(again.counts).toMatchObject({ read: 3, inserted: 0, missing: 0 });
  const after = await catalog(storeId);
  expect(after.map((i) => i.id).sort()).toEqual(before.map((i) => i.id).sort());
  expect(after.every((i) => i.missingSince === null)).toBe(true);
  // The kept item plays the URL of the newest download.
  const one = after.find((i) => i.name === "Neve One") as { id: string };
  const [source] = await resolveSources(kit.ctx, storeId, "live", one.id);
  expect(source?.url).toBe(`http://cdn.example/live/one.m3u8?token=t${downloads}`);

  // The provider moved its streams to another host: still the same items.
  host = "cdn2.example";
  const moved = await importNow(kit, owner, id);
  expect(moved.counts).toMatchObject({ read: 3, inserted: 0, missing: 0 });
  expect((await catalog(storeId)).map((i) => i.id).sort()).toEqual(before.map((i) => i.id).sort());

  // A new channel sharing a tvg-id but with a stream of its own is a new item, not a take-over.
  entries = [{ tvg: "one.uk", name: "Neve One SD", path: "/live/one-sd.m3u8" }, ...entries.slice(0, 2)];
  const added = await importNow(kit, owner, id);
  expect(added.counts).toMatchObject({ read: 3, inserted: 1, missing: 1 });
  const names = (await catalog(storeId)).filter((i) => i.missingSince === null).map((i) => i.name);
  expect(names.sort()).toEqual(["Neve One", "Neve One SD", "Neve Two"]);
  expect(await jobResult(added.id)).toMatchObject({ new: 1, removed: 1 });
});
