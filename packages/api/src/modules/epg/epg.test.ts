import { afterAll, beforeAll, expect, test } from "bun:test";
import { gzipSync } from "node:zlib";
import { entitle, importPlaylist, type Origin, runJobs, startOrigin } from "../catalog/testing.ts";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { registerGuideJobs } from "./mod.ts";

let kit: Kit;
let origin: Origin;

/** XMLTV time of an epoch, written in the given offset (minutes east of UTC). */
function xmltvTime(ms: number, offsetMin: number): string {
  const d = new Date(ms + offsetMin * 60_000);
  const p = (n: number) => String(n).padStart(2, "0");
  const sign = offsetMin < 0 ? "-" : "+";
  const off = Math.abs(offsetMin);
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}00 ${sign}${p(Math.floor(off / 60))}${p(off % 60)}`;
}

const hour = 3_600_000;
const base = Math.floor(Date.now() / hour) * hour; // this hour's start, UTC

/** The guide as first published (0), then edited (1): one title changed, one dropped, one added. */
let edition = 0;

function guide(): string {
  const progs: string[] = [];
  // one.uk written in +01:00, two in -05:00: both must land at the same UTC instants.
  for (let i = -2; i < 6; i++) {
    const one = edition === 1 && i === 0 ? "One 0 (live)" : `One ${i}`;
    progs.push(
      `<programme start="${xmltvTime(base + i * hour, 60)}" stop="${xmltvTime(base + (i + 1) * hour, 60)}" channel="one.uk"><title>${one}</title></programme>`,
    );
    if (edition === 1 && i === 5) continue;
    progs.push(
      `<programme start="${xmltvTime(base + i * hour, -300)}" stop="${xmltvTime(base + (i + 1) * hour, -300)}" channel="guide.two"><title>Two ${i}</title></programme>`,
    );
  }
  if (edition === 1) {
    progs.push(
      `<programme start="${xmltvTime(base + hour, 0)}" stop="${xmltvTime(base + 2 * hour, 0)}" channel="other"><title>Other next</title></programme>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?><tv>
<channel id="one.uk"><display-name>Neve One</display-name></channel>
<channel id="guide.two"><display-name>UK: Neve Two HD</display-name></channel>
<channel id="other"><display-name>Other</display-name></channel>
${progs.join("\n")}
<programme start="${xmltvTime(base, 0)}" stop="${xmltvTime(base + hour, 0)}" channel="other"><title>Other now</title></programme>
<programme start="${xmltvTime(base - 72 * hour, 0)}" stop="${xmltvTime(base - 71 * hour, 0)}" channel="one.uk"><title>Too old</title></programme>
</tv>`;
}

const playlist = `#EXTM3U
#EXTINF:-1 tvg-id="one.uk" group-title="News",Neve One
http://up.example/live/a/b/1.ts
#EXTINF:-1 group-title="News",Neve Two
http://up.example/live/a/b/2.ts
#EXTINF:-1 group-title="News",Neve Three
http://up.example/live/a/b/3.ts
`;

beforeAll(async () => {
  kit = await createKit();
  origin = startOrigin({ "/list.m3u": playlist, "/guide.xml.gz": () => new Response(gzipSync(guide())) });
});
afterAll(async () => {
  origin.stop();
  await kit.dispose();
});

test("imports a gzipped XMLTV guide, matches by epg id then by name, and answers now/next and grids in UTC", async () => {
  const storeId = await kit.store();
  const owner = kit.owner(storeId);
  await importPlaylist(kit, owner, `${origin.url}/list.m3u`);
  const source = await kit.call("POST", "/v1/epg/sources", {
    as: owner,
    body: { name: "Guide", url: `${origin.url}/guide.xml.gz?token=secret`, retentionDays: 1 },
  });
  expect(source.status).toBe(201);
  expect(JSON.stringify(source.body)).not.toContain("secret");
  const started = await kit.call("POST", `/v1/epg/sources/${source.body.id}/import`, { as: owner });
  expect(started.status).toBe(202);
  const status = async () =>
    (await kit.call("GET", `/v1/catalog/imports/${started.body.id}`, { as: owner })).body;
  await runJobs(
    kit,
    (w) => registerGuideJobs(kit.ctx, { worker: w }),
    async () => (await status()).status !== "queued" && (await status()).status !== "running",
  );
  // retentionDays 1: the programme of three days ago is read and not kept.
  expect(await status()).toMatchObject({
    status: "succeeded",
    kind: "epg",
    counts: { read: 18, inserted: 17 },
  });

  const matches = (await kit.call("GET", "/v1/epg/matches", { as: owner })).body.items;
  expect(
    matches.map((m: { guideKey: string | null; matchedBy: string | null }) => [m.guideKey, m.matchedBy]),
  ).toEqual([
    ["one.uk", "epg-id"],
    ["guide.two", "name"],
    [null, null],
  ]);

  const viewer = await kit.viewer(storeId);
  const cats = (await kit.call("GET", "/v1/catalog/categories?type=live", { as: owner })).body.items;
  await entitle(kit, storeId, viewer, [{ categoryIds: [cats[0].id] }]);
  const at = new Date(base + 30 * 60_000).toISOString();
  const now = (await kit.call("GET", `/v1/me/epg/now?at=${at}`, { as: viewer })).body.items;
  expect(now).toHaveLength(3);
  expect(now[0].programmes.map((p: { title: string }) => p.title)).toEqual(["One 0", "One 1"]);
  expect(now[0].programmes[0].start).toBe(new Date(base).toISOString());
  expect(now[1].programmes.map((p: { title: string }) => p.title)).toEqual(["Two 0", "Two 1"]);
  expect(now[1].programmes[0].stop).toBe(new Date(base + hour).toISOString());
  expect(now[2].programmes).toEqual([]);

  const from = new Date(base - 30 * 60_000).toISOString();
  const to = new Date(base + 2 * hour).toISOString();
  const gridAnswer = (await kit.call("GET", `/v1/me/epg/grid?from=${from}&to=${to}`, { as: viewer })).body
    .items;
  expect(gridAnswer[0].programmes.map((p: { title: string }) => p.title)).toEqual([
    "One -1",
    "One 0",
    "One 1",
  ]);

  // Manual override: point Neve Three at the "other" guide channel.
  const three = (await kit.call("GET", "/v1/catalog/items?type=live", { as: owner })).body.items[2];
  await kit.call("PATCH", `/v1/catalog/items/${three.id}`, { as: owner, body: { epgId: "other" } });
  const after = (await kit.call("GET", `/v1/me/epg/now?at=${at}&channelIds=${three.id}`, { as: viewer })).body
    .items;
  expect(after[0]).toMatchObject({ guideKey: "other", matchedBy: "epg-id" });
  expect(after[0].programmes[0].title).toBe("Other now");
});

test("a re-import counts programmes as new, updated, unchanged and missing against the previous one", async () => {
  const storeId = await kit.store();
  const owner = kit.owner(storeId);
  const source = await kit.call("POST", "/v1/epg/sources", {
    as: owner,
    body: { name: "Guide", url: `${origin.url}/guide.xml.gz`, retentionDays: 1 },
  });
  const importGuide = async () => {
    const started = await kit.call("POST", `/v1/epg/sources/${source.body.id}/import`, { as: owner });
    const status = async () =>
      (await kit.call("GET", `/v1/catalog/imports/${started.body.id}`, { as: owner })).body;
    await runJobs(
      kit,
      (w) => registerGuideJobs(kit.ctx, { worker: w }),
      async () => !["queued", "running"].includes((await status()).status),
    );
    return status();
  };
  try {
    edition = 0;
    expect((await importGuide()).counts).toMatchObject({ read: 18, inserted: 17, unchanged: 0, missing: 0 });
    expect((await importGuide()).counts).toMatchObject({
      read: 18,
      inserted: 0,
      updated: 0,
      unchanged: 17,
      missing: 0,
    });
    edition = 1;
    expect((await importGuide()).counts).toMatchObject({
      read: 18,
      inserted: 1,
      updated: 1,
      unchanged: 15,
      missing: 1,
    });
  } finally {
    edition = 0;
  }
});
