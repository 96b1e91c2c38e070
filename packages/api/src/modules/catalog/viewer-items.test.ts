import { afterAll, beforeAll, expect, test } from "bun:test";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { entitle, importPlaylist, type Origin, startOrigin } from "./testing.ts";

// 250 channels, "Channel 1".."Channel 250" in list order and numbered 1001..1250 (so a number
// is never found by name); every tenth is in "Sports", the rest in "News".
const COUNT = 250;
const playlist = [
  "#EXTM3U",
  ...Array.from({ length: COUNT }, (_, i) => {
    const n = i + 1;
    const group = n % 10 === 0 ? "Sports" : "News";
    return `#EXTINF:-1 tvg-chno="${n + 1000}" group-title="${group}",Channel ${n}\nhttp://up.example/live/a/b/${n}.ts`;
  }),
  "",
].join("\n");

let kit: Kit;
let origin: Origin;

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
  const done = await importPlaylist(kit, owner, `${origin.url}/list.m3u`);
  expect(done.status).toBe("succeeded");
  const cats = (await kit.call("GET", "/v1/catalog/categories", { as: owner })).body.items;
  const sports = cats.find((c: { name: string }) => c.name === "Sports").id as string;
  const viewer = await kit.viewer(storeId);
  await entitle(kit, storeId, viewer, [{ categoryIds: cats.map((c: { id: string }) => c.id) }]);
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them
  const list = async (query: string): Promise<any> => {
    const answer = await kit.call("GET", `/v1/me/catalog/items${query}`, { as: viewer });
    return answer;
  };
  const names = async (query: string): Promise<string[]> =>
    (await list(query)).body.items.map((i: { name: string }) => i.name);
  const idOf = async (n: number): Promise<string> =>
    (await list(`?type=live&q=${n + 1000}&limit=1`)).body.items[0].id as string;
  return { storeId, owner, viewer, sports, list, names, idOf };
}

test("the viewer's channels page through the server in list order, each page once", async () => {
  const s = await setup();
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await s.list(`?type=live&limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    expect(page.status).toBe(200);
    seen.push(...page.body.items.map((i: { name: string }) => i.name));
    cursor = page.body.nextCursor;
    pages++;
  } while (cursor);
  expect(pages).toBe(3);
  expect(seen).toEqual(Array.from({ length: COUNT }, (_, i) => `Channel ${i + 1}`));
});

test("a channel number finds its channel, and a name prefix still finds by name", async () => {
  const s = await setup();
  expect(await s.names("?type=live&q=1237")).toEqual(["Channel 237"]);
  expect((await s.list("?type=live&q=1237")).body.items[0].number).toBe(1237);
  expect(await s.names("?type=live&q=chan&limit=2")).toEqual(["Channel 1", "Channel 2"]);
  expect(await s.names("?type=live&q=Channel%20237")).toEqual(["Channel 237"]);
  // A number filters within a category like any other search.
  expect(await s.names(`?type=live&q=1240&categoryId=${s.sports}`)).toEqual(["Channel 240"]);
  expect(await s.names(`?type=live&q=1241&categoryId=${s.sports}`)).toEqual([]);
});

test("from and order give a channel's neighbours either way, and the end of the list", async () => {
  const s = await setup();
  const id150 = await s.idOf(150);
  expect(await s.names(`?type=live&from=${id150}&limit=3`)).toEqual([
    "Channel 150",
    "Channel 151",
    "Channel 152",
  ]);
  expect(await s.names(`?type=live&from=${id150}&order=desc&limit=3`)).toEqual([
    "Channel 150",
    "Channel 149",
    "Channel 148",
  ]);
  // Backwards from nowhere is the end of the list; its cursor keeps going backwards.
  const last = await s.list("?type=live&order=desc&limit=2");
  expect(last.body.items.map((i: { name: string }) => i.name)).toEqual(["Channel 250", "Channel 249"]);
  expect(await s.names(`?type=live&order=desc&limit=2&cursor=${last.body.nextCursor}`)).toEqual([
    "Channel 248",
    "Channel 247",
  ]);
  // A page from an item continues with its cursor as any other page.
  const from = await s.list(`?type=live&from=${await s.idOf(248)}&limit=2`);
  expect(from.body.items.map((i: { name: string }) => i.name)).toEqual(["Channel 248", "Channel 249"]);
  expect(await s.names(`?type=live&limit=5&cursor=${from.body.nextCursor}`)).toEqual(["Channel 250"]);
  // In a category, an item outside it still marks the place: the neighbours in the category.
  expect(await s.names(`?type=live&categoryId=${s.sports}&from=${id150}&limit=2`)).toEqual([
    "Channel 150",
    "Channel 160",
  ]);
  expect(await s.names(`?type=live&categoryId=${s.sports}&from=${await s.idOf(155)}&limit=2`)).toEqual([
    "Channel 160",
    "Channel 170",
  ]);
  expect(
    await s.names(`?type=live&categoryId=${s.sports}&from=${await s.idOf(155)}&order=desc&limit=2`),
  ).toEqual(["Channel 150", "Channel 140"]);
});

test("from refuses an item the viewer cannot see, and from with a cursor", async () => {
  const s = await setup();
  const other = await setup();
  const foreign = await other.idOf(3);
  const refused = await s.list(`?type=live&from=${foreign}`);
  expect(refused.status).toBe(404);
  expect(refused.body.code).toBe("not_found");
  expect((await s.list("?type=live&from=nope")).status).toBe(404);
  const page = await s.list("?type=live&limit=1");
  const both = await s.list(`?type=live&from=${await s.idOf(2)}&cursor=${page.body.nextCursor}`);
  expect(both.status).toBe(400);
  expect(both.body.code).toBe("bad_request");
  expect((await s.list("?type=live&order=sideways")).status).toBe(400);
});
