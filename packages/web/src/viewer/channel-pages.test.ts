import "../testing/solid-browser.ts";
import { afterAll, expect, test } from "bun:test";
import { createClient } from "@nevewatch/sdk";
import { type Hit, problem, startApi } from "../testing/api-stand-in.ts";

const { createRoot } = await import("solid-js");
const { catalogPages, createChannelPages, stepIn } = await import("./channel-pages.ts");

// 250 channels "Channel 1".."Channel 250"; every tenth in category "sports".
const ALL = Array.from({ length: 250 }, (_, i) => ({
  id: `c${String(i + 1).padStart(3, "0")}`,
  name: `Channel ${i + 1}`,
  number: i + 1,
  logo: null,
  categoryId: (i + 1) % 10 === 0 ? "sports" : "news",
  type: "live",
}));

/** GET /v1/me/catalog/items as the API answers it: filters, cursor, from and order. */
function listItems(hit: Hit) {
  const q = hit.query.get("q")?.toLowerCase();
  const category = hit.query.get("categoryId");
  const limit = Number(hit.query.get("limit") ?? 100);
  const desc = hit.query.get("order") === "desc";
  const ordered = desc ? [...ALL].reverse() : ALL;
  const matches = (c: (typeof ALL)[number]) =>
    (!q || c.name.toLowerCase().startsWith(q) || String(c.number) === q) &&
    (!category || c.categoryId === category);
  let start = 0;
  const from = hit.query.get("from");
  const cursor = hit.query.get("cursor");
  if (from) {
    start = ordered.findIndex((c) => c.id === from);
    if (start < 0) return problem(404, "not_found");
  } else if (cursor) start = Number(cursor);
  const items: typeof ALL = [];
  let at = start;
  for (; at < ordered.length && items.length < limit; at++) {
    const item = ordered[at];
    if (item && matches(item)) items.push(item);
  }
  return { items, nextCursor: at < ordered.length ? String(at) : null };
}

let slow: Promise<void> | null = null;
const api = startApi({
  async "GET /v1/me/catalog/items"(hit) {
    if (slow && hit.query.get("q") === "slow") await slow;
    return listItems(hit);
  },
});
afterAll(() => api.stop());

const client = createClient({ baseUrl: api.url, store: "demo" });
const list = () => api.hitsOf("GET /v1/me/catalog/items");
const names = (entries: { name: string }[]) => entries.map((c) => c.name);

function pagesOf(pageSize = 100) {
  return createRoot(() => createChannelPages(catalogPages(client), { pageSize }));
}

test("the first page only, then one more page per call, each asked of the API once", async () => {
  const before = list().length;
  const pages = pagesOf();
  await pages.show({ q: "", categoryId: null });
  expect(pages.entries()).toHaveLength(100);
  expect(pages.entries()[0]).toEqual({ id: "c001", name: "Channel 1", number: 1, logo: null });
  expect(
    list()
      .slice(before)
      .map((h) => h.query.toString()),
  ).toEqual(["type=live&limit=100"]);
  // Two calls while a page is on its way share it.
  await Promise.all([pages.more(), pages.more()]);
  expect(pages.entries()).toHaveLength(200);
  expect(list().slice(before)).toHaveLength(2);
  expect(list().at(-1)?.query.get("cursor")).toBe("100");
  await pages.more();
  expect(pages.complete()).toBe(true);
  await pages.more();
  expect(list().slice(before)).toHaveLength(3);
  expect(names(pages.entries()).at(-1)).toBe("Channel 250");
});

test("search and category go to the API, and a late answer for an earlier search is dropped", async () => {
  const pages = pagesOf();
  await pages.show({ q: "Channel 24", categoryId: null });
  expect(names(pages.entries())).toEqual([
    "Channel 24",
    "Channel 240",
    "Channel 241",
    "Channel 242",
    "Channel 243",
    "Channel 244",
    "Channel 245",
    "Channel 246",
    "Channel 247",
    "Channel 248",
    "Channel 249",
  ]);
  expect(list().at(-1)?.query.get("q")).toBe("Channel 24");
  await pages.show({ q: " 230 ", categoryId: "sports" });
  expect(names(pages.entries())).toEqual(["Channel 230"]);
  expect(list().at(-1)?.query.toString()).toBe("type=live&q=230&categoryId=sports&limit=100");

  let release = () => {};
  slow = new Promise((resolve) => {
    release = resolve;
  });
  const late = pages.show({ q: "slow", categoryId: null });
  await pages.show({ q: "Channel 7", categoryId: null });
  release();
  await late;
  slow = null;
  expect(names(pages.entries()).slice(0, 2)).toEqual(["Channel 7", "Channel 70"]);
});

test("channel up past the loaded channels loads the next page; at the very end it wraps", async () => {
  const pages = pagesOf();
  await pages.show({ q: "", categoryId: null });
  const before = list().length;
  expect((await pages.neighbour("c050", 1))?.id).toBe("c051");
  expect(list().length).toBe(before);
  expect((await pages.neighbour("c100", 1))?.id).toBe("c101");
  expect(pages.entries()).toHaveLength(200);
  expect(list().length).toBe(before + 1);
  await pages.more();
  expect((await pages.neighbour("c250", 1))?.id).toBe("c001");
  expect((await pages.neighbour("c001", -1))?.id).toBe("c250");
});

test("channel down from the first asks the API for the last; a channel not loaded asks for its neighbour", async () => {
  const pages = pagesOf();
  await pages.show({ q: "", categoryId: "sports" });
  expect(pages.entries()).toHaveLength(25);
  const sports = pagesOf(10);
  await sports.show({ q: "", categoryId: "sports" });
  expect(names(sports.entries()).at(-1)).toBe("Channel 100");
  expect((await sports.neighbour("c010", -1))?.name).toBe("Channel 250");
  expect(list().at(-1)?.query.toString()).toBe("type=live&categoryId=sports&order=desc&limit=1");
  // Opened from the guide: not in the pages loaded, so its neighbours come from the API.
  expect((await sports.neighbour("c180", 1))?.name).toBe("Channel 190");
  expect(list().at(-1)?.query.toString()).toBe("type=live&categoryId=sports&from=c180&order=asc&limit=2");
  expect((await sports.neighbour("c180", -1))?.name).toBe("Channel 170");
  expect((await sports.neighbour("c250", 1))?.name).toBe("Channel 10");
  expect(sports.entries()).toHaveLength(10);
  // A channel the API no longer knows: the list's first channel.
  expect((await sports.neighbour("gone", 1))?.name).toBe("Channel 10");
});

test("one channel by id wherever it is, and null for one the viewer cannot watch", async () => {
  const pages = pagesOf();
  await pages.show({ q: "", categoryId: null });
  const before = list().length;
  expect((await pages.entry("c002"))?.name).toBe("Channel 2");
  expect(list().length).toBe(before);
  expect(await pages.entry("c249")).toEqual({ id: "c249", name: "Channel 249", number: 249, logo: null });
  expect(list().at(-1)?.query.toString()).toBe("type=live&from=c249&limit=1");
  expect(await pages.entry("nope")).toBeNull();
});

test("a page that fails keeps its problem and loads again on the next call", async () => {
  const failing = startApi({ "GET /v1/me/catalog/items": () => problem(403, "no_subscription") });
  try {
    const pages = createRoot(() =>
      createChannelPages(catalogPages(createClient({ baseUrl: failing.url, store: "demo" }))),
    );
    await pages.show({ q: "", categoryId: null });
    expect((pages.error() as { code: string }).code).toBe("no_subscription");
    expect(pages.entries()).toEqual([]);
    expect(pages.loading()).toBe(false);
    await pages.more();
    expect(failing.hits).toHaveLength(2);
  } finally {
    failing.stop();
  }
});

test("stepIn wraps at both ends of a whole list and starts at an end when the channel is not in it", () => {
  const list = ALL.slice(0, 3);
  expect(stepIn(list, "c003", 1)?.id).toBe("c001");
  expect(stepIn(list, "c001", -1)?.id).toBe("c003");
  expect(stepIn(list, "c002", 1)?.id).toBe("c003");
  expect(stepIn(list, null, 1)?.id).toBe("c001");
  expect(stepIn(list, "elsewhere", -1)?.id).toBe("c003");
  expect(stepIn([], "c001", 1)).toBeNull();
});
