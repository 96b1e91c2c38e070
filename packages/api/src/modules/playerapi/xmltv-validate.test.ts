/**
 * `xmltv.php` checked by the XMLTV project's own validator, `tv_validate_file` (Debian's
 * xmltv-util, which `npm test` installs): the DTD, channel ids, times, encoding, and a programme
 * for every channel listed.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../app.ts";
import { entitle, importPlaylist, type Origin, runJobs, startOrigin } from "../catalog/testing.ts";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { registerGuideJobs } from "../epg/mod.ts";

const DTD = "/usr/share/xmltv/xmltv.dtd";
const hour = 3_600_000;
const base = Math.floor(Date.now() / hour) * hour;
const stamp = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace(/[-:T]/g, "")} +0000`;
const programme = (channel: string, at: number, title: string) =>
  `<programme start="${stamp(at)}" stop="${stamp(at + hour)}" channel="${channel}"><title>${title}</title><desc>${title} &amp; more</desc><category>News</category></programme>`;
// A demo-like guide: a channel on air, one the guide names but has nothing for (a quiet channel),
// and one whose programmes are all older than the guide's window.
const guide = `<?xml version="1.0" encoding="UTF-8"?><tv>
<channel id="neve-one.demo"><display-name>Neve One</display-name></channel>
<channel id="neve-quiet.demo"><display-name>Neve Quiet</display-name></channel>
<channel id="neve-old.demo"><display-name>Neve Old</display-name></channel>
${[0, 1, 2].map((i) => programme("neve-one.demo", base + i * hour, `Show ${i}`)).join("\n")}
${programme("neve-old.demo", base - 3 * 24 * hour, "Long ago")}
</tv>`;
// The bell in the first name is what a hand-edited playlist can carry into a channel name.
const playlist = `#EXTM3U
#EXTINF:-1 tvg-id="neve-one.demo" tvg-logo="http://logo/one.png?a=1&b=2" group-title="Demo",Neve One\u0007
http://up.example/live/a/b/1.ts
#EXTINF:-1 tvg-id="neve-quiet.demo" group-title="Demo",Neve Quiet
http://up.example/live/a/b/2.ts
#EXTINF:-1 tvg-id="neve-old.demo" group-title="Demo",Neve Old
http://up.example/live/a/b/3.ts
#EXTINF:-1 group-title="Demo",No Guide
http://up.example/live/a/b/4.ts
`;

let kit: Kit;
let origin: Origin;
let dir: string;

beforeAll(async () => {
  kit = await createKit();
  origin = startOrigin({ "/list.m3u": playlist, "/guide.xml": guide });
  dir = mkdtempSync(join(tmpdir(), "nevewatch-xmltv-"));
});
afterAll(async () => {
  origin.stop();
  rmSync(dir, { recursive: true, force: true });
  await kit.dispose();
});

/** tv_validate_file's verdict on a file: its exit code and what it printed. */
function validate(path: string): { code: number; output: string } {
  if (!Bun.which("tv_validate_file") || !existsSync(DTD))
    throw new Error("tv_validate_file is missing: apt-get install xmltv-util (npm test installs it)");
  const run = Bun.spawnSync(["tv_validate_file", "--dtd-file", DTD, path]);
  return { code: run.exitCode, output: `${run.stdout.toString()}${run.stderr.toString()}`.trim() };
}

test("xmltv.php validates with tv_validate_file, listing only the channels it has programmes for", async () => {
  const storeId = await kit.store();
  const owner = kit.owner(storeId);
  await importPlaylist(kit, owner, `${origin.url}/list.m3u`);
  const source = await kit.call("POST", "/v1/epg/sources", {
    as: owner,
    body: { name: "Guide", url: `${origin.url}/guide.xml` },
  });
  const started = await kit.call("POST", `/v1/epg/sources/${source.body.id}/import`, { as: owner });
  await runJobs(
    kit,
    (w) => registerGuideJobs(kit.ctx, { worker: w }),
    async () =>
      (await kit.call("GET", `/v1/catalog/imports/${started.body.id}`, { as: owner })).body.status ===
      "succeeded",
  );
  const viewer = await kit.viewer(storeId);
  const cats = (await kit.call("GET", "/v1/catalog/categories", { as: owner })).body.items;
  await entitle(kit, storeId, viewer, [{ categoryIds: cats.map((c: { id: string }) => c.id) }]);
  const line = (await kit.call("GET", "/v1/me/line", { as: viewer })).body;
  const app = createApp(kit.ctx, { authenticate: async () => null }).listen({
    hostname: "127.0.0.1",
    port: 0,
  });
  try {
    const url = `http://127.0.0.1:${app.server?.port}/xmltv.php?username=${line.username}&password=${line.password}`;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const xml = await response.text();
    const path = join(dir, "guide.xml");
    writeFileSync(path, xml);
    expect(validate(path)).toEqual({ code: 0, output: "Validated ok." });
    expect([...xml.matchAll(/<channel id="([^"]+)"/g)].map((m) => m[1])).toEqual(["neve-one.demo"]);
    expect(xml).toContain("<display-name>Neve One</display-name>");
    expect(xml).toContain('<icon src="http://logo/one.png?a=1&amp;b=2"/>');
    expect([...xml.matchAll(/<title>([^<]+)<\/title>/g)].map((m) => m[1])).toEqual([
      "Show 0",
      "Show 1",
      "Show 2",
    ]);
  } finally {
    await app.stop();
  }
});

test("the validator refuses a guide that lists a channel without programmes (so the check above is real)", () => {
  const path = join(dir, "quiet.xml");
  writeFileSync(
    path,
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tv SYSTEM "xmltv.dtd">\n<tv generator-info-name="NeveWatch">\n<channel id="neve-one.demo"><display-name>Neve One</display-name></channel>\n<channel id="neve-quiet.demo"><display-name>Neve Quiet</display-name></channel>\n${programme("neve-one.demo", base, "Show 0")}\n</tv>\n`,
  );
  const verdict = validate(path);
  expect(verdict.code).toBe(1);
  expect(verdict.output).toContain("No programme entries found for neve-quiet.demo");
});
