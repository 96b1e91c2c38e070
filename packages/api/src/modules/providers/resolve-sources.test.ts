import { afterAll, beforeAll, expect, test } from "bun:test";
import { AUDIT_COLLECTION, type AuditEntry } from "../../audit/mod.ts";
import { itemsOf, resolveSources } from "../catalog/mod.ts";
import { importNow, type Origin, startOrigin } from "../catalog/testing.ts";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { PROVIDERS_COLLECTION } from "./model.ts";

let kit: Kit;
let origin: Origin;
const playlist = `#EXTM3U
#EXTINF:-1 group-title="News",Neve One
http://up.example:8080/live/first/pw1/101.ts
#EXTINF:-1 group-title="News",Neve HLS
http://up.example:8080/live/first/pw1/102.m3u8
#EXTINF:-1 group-title="Films",Film
http://up.example:8080/movie/first/pw1/201.mkv
`;

beforeAll(async () => {
  kit = await createKit();
  origin = startOrigin({ "/list.m3u": playlist });
});
afterAll(async () => {
  origin.stop();
  await kit.dispose();
});

test("resolveSources applies each account's credentials in priority order with its connection limit", async () => {
  const storeId = await kit.store();
  const owner = kit.owner(storeId);
  const created = await kit.call("POST", "/v1/providers", {
    as: owner,
    body: {
      name: "P",
      kind: "m3u",
      accounts: [
        {
          label: "first",
          url: `${origin.url}/list.m3u?username=first&password=pw1`,
          maxConnections: 2,
          priority: 1,
        },
        {
          label: "second",
          url: `${origin.url}/list.m3u?username=second&password=pw%202`,
          maxConnections: 5,
          priority: 0,
        },
      ],
    },
  });
  expect(created.status).toBe(201);
  // The import runs with the first account by priority ("second"), whose credentials are not in
  // this playlist; make "first" import so its credentials become placeholders.
  await kit.call("PATCH", `/v1/providers/${created.body.id}/accounts/${created.body.accounts[1].id}`, {
    as: owner,
    body: { priority: 5 },
  });
  await importNow(kit, owner, created.body.id);
  const live = (await itemsOf(kit.ctx, storeId).find({ type: "live" }, { sort: [["sortOrder", 1]] })).items;
  const [one, hls] = live;
  if (!one || !hls) throw new Error("import missing");

  const sources = await resolveSources(kit.ctx, storeId, "live", one._id);
  expect(sources.map((s) => [s.url, s.format, s.maxConnections])).toEqual([
    ["http://up.example:8080/live/first/pw1/101.ts", "ts", 2],
    ["http://up.example:8080/live/second/pw%202/101.ts", "ts", 5],
  ]);
  expect(sources.map((s) => s.accountId)).toEqual(created.body.accounts.map((a: { id: string }) => a.id));
  expect((await resolveSources(kit.ctx, storeId, "live", String(hls.xid)))[0]?.format).toBe("hls");
  const [film] = (await itemsOf(kit.ctx, storeId).find({ type: "movie" })).items;
  expect((await resolveSources(kit.ctx, storeId, "movie", film?._id ?? ""))[0]).toMatchObject({
    url: "http://up.example:8080/movie/first/pw1/201.mkv",
    format: "file",
  });
  // Wrong type, another store, a disabled provider: nothing.
  expect(await resolveSources(kit.ctx, storeId, "movie", one._id)).toEqual([]);
  expect(await resolveSources(kit.ctx, await kit.store(), "live", one._id)).toEqual([]);
  await kit.call("PATCH", `/v1/providers/${created.body.id}`, { as: owner, body: { enabled: false } });
  expect(await resolveSources(kit.ctx, storeId, "live", one._id)).toEqual([]);

  // Credentials are sealed at rest and appear in no answer or audit entry.
  const stored = JSON.stringify(await kit.ctx.store.collection(PROVIDERS_COLLECTION).get(created.body.id));
  expect(stored).not.toContain("pw1");
  expect(stored).toContain("v1:");
  const audit = await kit.ctx.store
    .collection<AuditEntry>(AUDIT_COLLECTION)
    .find({ targetId: created.body.id });
  expect(audit.items.map((a) => a.action)).toContain("provider.create");
  const answers = JSON.stringify([
    audit.items,
    (await kit.call("GET", `/v1/providers/${created.body.id}`, { as: owner })).body,
  ]);
  expect(answers).not.toContain("pw1");
  expect(answers).not.toContain("pw%202");
});

test("staff need sources.manage and viewers may not touch providers", async () => {
  const storeId = await kit.store();
  const body = { name: "P", kind: "m3u", accounts: [{ url: `${origin.url}/list.m3u` }] };
  expect(
    (await kit.call("POST", "/v1/providers", { as: kit.staff(storeId, ["catalog.read"]), body })).status,
  ).toBe(403);
  expect(
    (await kit.call("POST", "/v1/providers", { as: kit.staff(storeId, ["sources.manage"]), body })).status,
  ).toBe(201);
  expect((await kit.call("GET", "/v1/providers", { as: await kit.viewer(storeId) })).status).toBe(403);
  expect((await kit.call("GET", "/v1/providers")).status).toBe(401);
});
