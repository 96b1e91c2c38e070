import "../testing/solid-browser.ts";
import { afterAll, expect, test } from "bun:test";
import { createClient } from "@nevewatch/sdk";
import { problem, startApi, until } from "../testing/api-stand-in.ts";

const { createRoot, createSignal } = await import("solid-js");
const { continueWatching, createFavorites, saveProgress } = await import("./profile-lists.ts");

const item = (id: string, type = "live") => ({ id, name: `Item ${id}`, type, logo: null });
// Favorites per profile, as the library module keeps them; "p-broken" refuses every change.
const favorites = new Map<string, string[]>([
  ["p1", ["a", "b"]],
  ["p2", ["c"]],
]);
const api = startApi({
  "GET /v1/me/profiles/:id/favorites": (_hit, { id = "" }) => ({
    items: (favorites.get(id) ?? []).map((i) => ({ item: item(i), position: 0, duration: null })),
  }),
  "PUT /v1/me/profiles/:id/favorites/:itemId": (_hit, { id = "", itemId = "" }) => {
    if (id === "p-broken") return problem(404, "not_found");
    favorites.set(id, [...(favorites.get(id) ?? []), itemId]);
    return undefined;
  },
  "DELETE /v1/me/profiles/:id/favorites/:itemId": (_hit, { id = "", itemId = "" }) => {
    if (id === "p-broken") return problem(503, "unavailable");
    favorites.set(
      id,
      (favorites.get(id) ?? []).filter((i) => i !== itemId),
    );
    return undefined;
  },
  "GET /v1/me/profiles/:id/continue": () => ({
    items: [
      { item: item("m1", "movie"), position: "61", duration: "5400" },
      { item: item("e1", "episode"), position: 10, duration: null },
    ],
  }),
  "PUT /v1/me/profiles/:id/progress/:itemId": (_hit, { itemId }) =>
    itemId === "fails" ? problem(500, "internal") : undefined,
});
afterAll(() => api.stop());
const client = createClient({ baseUrl: api.url, store: "demo" });

const listed = (id: string) =>
  api.hitsOf("GET /v1/me/profiles/:id/favorites").filter((h) => h.path.includes(`/${id}/`));

test("favorites load for the chosen profile and follow a change of profile", async () => {
  const [profile, setProfile] = createSignal<string | null>("p1");
  const list = createRoot(() => createFavorites(client, profile));
  await until(() => list.has("a"));
  expect(["a", "b", "c"].map(list.has)).toEqual([true, true, false]);
  setProfile("p2");
  await until(() => list.has("c"));
  expect(["a", "b", "c"].map(list.has)).toEqual([false, false, true]);
});

test("a toggle shows at once and is saved; one the API refuses is put back", async () => {
  favorites.set("p3", []);
  const list = createRoot(() => createFavorites(client, () => "p3"));
  await until(() => listed("p3").length === 1);
  await Bun.sleep(10);
  const adding = list.toggle("x");
  expect(list.has("x")).toBe(true);
  await adding;
  expect(favorites.get("p3")).toEqual(["x"]);
  await list.toggle("x");
  expect(list.has("x")).toBe(false);
  expect(favorites.get("p3")).toEqual([]);

  favorites.set("p-broken", ["kept"]);
  const broken = createRoot(() => createFavorites(client, () => "p-broken"));
  await until(() => broken.has("kept"));
  await broken.toggle("new");
  expect(broken.has("new")).toBe(false);
  await broken.toggle("kept");
  expect(broken.has("kept")).toBe(true);
});

test("no profile chosen: nothing loads and a toggle sends nothing", async () => {
  const before = api.hits.length;
  const list = createRoot(() => createFavorites(client, () => null));
  await list.toggle("a");
  await Bun.sleep(30);
  expect(list.has("a")).toBe(false);
  expect(api.hits.length).toBe(before);
});

test("continue watching reads positions as numbers; progress is saved in whole seconds", async () => {
  expect(await continueWatching(client, "p1")).toEqual([
    { id: "m1", name: "Item m1", type: "movie", logo: null, position: 61, duration: 5400 },
    { id: "e1", name: "Item e1", type: "episode", logo: null, position: 10, duration: 0 },
  ]);
  await saveProgress(client, "p1", "m1", 61.9, 5400.4);
  await saveProgress(client, "p1", "ch1", 0, 0);
  const saved = api.hitsOf("PUT /v1/me/profiles/:id/progress/:itemId").map((h) => [h.path, h.body]);
  expect(saved).toEqual([
    ["/v1/me/profiles/p1/progress/m1", { position: 61, duration: 5400 }],
    ["/v1/me/profiles/p1/progress/ch1", { position: 0 }],
  ]);
  // A failed save never reaches the player.
  expect(await saveProgress(client, "p1", "fails", 1, 2)).toBeUndefined();
});
