import { afterAll, beforeAll, expect, test } from "bun:test";
import { createApp } from "../../app.ts";
import { parseXmltv } from "../../iptv/mod.ts";
import { entitle, importPlaylist, type Origin, runJobs, startOrigin } from "../catalog/testing.ts";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { registerGuideJobs } from "../epg/mod.ts";

let kit: Kit;
let origin: Origin;
const hour = 3_600_000;
const base = Math.floor(Date.now() / hour) * hour;
const stamp = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace(/[-:T]/g, "")} +0000`;
const guide = `<?xml version="1.0"?><tv>
<channel id="one.uk"><display-name>Neve One</display-name></channel>
${[-1, 0, 1, 2].map((i) => `<programme start="${stamp(base + i * hour)}" stop="${stamp(base + (i + 1) * hour)}" channel="one.uk"><title>Show ${i}</title><desc>About ${i} &amp; more</desc></programme>`).join("\n")}
</tv>`;
const playlist = `#EXTM3U
#EXTINF:-1 tvg-id="one.uk" group-title="News",Neve One
http://up.example/live/a/b/1.ts
#EXTINF:-1 group-title="News",No Guide
http://up.example/live/a/b/2.ts
`;

beforeAll(async () => {
  kit = await createKit();
  origin = startOrigin({ "/list.m3u": playlist, "/guide.xml": guide });
});
afterAll(async () => {
  origin.stop();
  await kit.dispose();
});

test("get_short_epg, get_simple_data_table and xmltv.php serve the line's guide in panel shapes", async () => {
  const storeId = await kit.store();
  const owner = kit.owner(storeId);
  await importPlaylist(kit, owner, `${origin.url}/list.m3u`);
  const source = await kit.call("POST", "/v1/epg/sources", {
    as: owner,
    body: { name: "G", url: `${origin.url}/guide.xml` },
  });
  const started = await kit.call("POST", `/v1/epg/sources/${source.body.id}/import`, { as: owner });
  const status = async () =>
    (await kit.call("GET", `/v1/catalog/imports/${started.body.id}`, { as: owner })).body.status;
  await runJobs(
    kit,
    (w) => registerGuideJobs(kit.ctx, { worker: w }),
    async () => (await status()) === "succeeded",
  );
  const viewer = await kit.viewer(storeId);
  const cats = (await kit.call("GET", "/v1/catalog/categories", { as: owner })).body.items;
  await entitle(kit, storeId, viewer, [{ categoryIds: [cats[0].id] }]);
  const line = (await kit.call("GET", "/v1/me/line", { as: viewer })).body;
  const app = createApp(kit.ctx, { authenticate: async () => null });
  const get = (path: string) =>
    app.handle(new Request(`http://localhost${path}`, { headers: { "x-store": storeId } }));
  const q = `username=${line.username}&password=${line.password}`;

  const live = await (await get(`/player_api.php?${q}&action=get_live_streams`)).json();
  const streamId = live[0].stream_id;
  expect(live[0].epg_channel_id).toBe("one.uk");
  expect(live[1].epg_channel_id).toBeNull();
  const short = await (
    await get(`/player_api.php?${q}&action=get_short_epg&stream_id=${streamId}&limit=2`)
  ).json();
  expect(short.epg_listings).toHaveLength(2);
  const first = short.epg_listings[0];
  expect(Object.keys(first).sort()).toEqual(
    [
      "id",
      "epg_id",
      "title",
      "lang",
      "start",
      "end",
      "description",
      "channel_id",
      "start_timestamp",
      "stop_timestamp",
      "stop",
    ].sort(),
  );
  expect(Buffer.from(first.title, "base64").toString()).toBe("Show 0");
  expect(Buffer.from(first.description, "base64").toString()).toBe("About 0 & more");
  expect(first.start_timestamp).toBe(String(base / 1000));
  expect(first.start).toBe(new Date(base).toISOString().slice(0, 19).replace("T", " "));
  expect(first.end).toBe(new Date(base + hour).toISOString().slice(0, 19).replace("T", " "));
  expect(first.stop).toBe(first.end);
  expect(first.channel_id).toBe("one.uk");
  const table = await (
    await get(`/player_api.php?${q}&action=get_simple_data_table&stream_id=${streamId}`)
  ).json();
  expect(table.epg_listings.map((l: { now_playing: number }) => l.now_playing)).toEqual([0, 1, 0, 0]);
  expect(table.epg_listings[0].has_archive).toBe(0);

  const xml = await get(`/xmltv.php?${q}`);
  expect(xml.headers.get("content-type")).toContain("xml");
  const events = [];
  for await (const e of parseXmltv(xml.body as ReadableStream<Uint8Array>)) events.push(e);
  const channels = events.filter((e) => e.type === "channel");
  const programmes = events.filter((e) => e.type === "programme");
  expect(channels.map((e) => e.type === "channel" && e.channel.id)).toEqual(["one.uk"]);
  expect(programmes.map((e) => e.type === "programme" && [e.programme.title, e.programme.start])).toEqual(
    [-1, 0, 1, 2].map((i) => [`Show ${i}`, base + i * hour]),
  );
  expect(events.filter((e) => e.type === "warning")).toEqual([]);

  // These channels have MPEG-TS sources only: an m3u8 list names the .ts they will really get.
  const m3u8 = await (await get(`/get.php?${q}&type=m3u_plus&output=m3u8`)).text();
  expect(m3u8).toContain(`/live/${line.username}/${line.password}/${streamId}.ts`);
  expect(m3u8).toContain('tvg-id="one.uk"');
});
