/**
 * Live TV pages through the server: a store of 1,200 channels (an M3U provider imported
 * through the API) shows its first page at once, loads the next as the viewer scrolls, finds a
 * channel of the last page by search, and channel up steps past the loaded channels.
 *
 * The channels come from a playlist on a local HTTP server, which the shared stack's API
 * refuses to fetch (private addresses are guarded), so this file runs its own API and web app
 * with OUTBOUND_ALLOW_PRIVATE, and leaves the shared demo store as the other tests expect it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page, type Request, test } from "@playwright/test";
import { shot, uniqueEmail } from "./_helpers.ts";
import { DEMO, login, type StackInfo, startStack, stopStack } from "./_stack.ts";

const COUNT = 1200;
const name = (n: number) => `Paging ${String(n).padStart(4, "0")}`;

let stack: StackInfo;
let playlistServer: Server;

async function ownerCall(path: string, init: { method?: string; body?: unknown } = {}) {
  const token = await login(stack.apiUrl, DEMO.owner, DEMO.store);
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { authorization: `Bearer ${token}`, "x-store": DEMO.store, "content-type": "application/json" },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: the test reads answers loosely and asserts on them
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as any };
}

/** 1,200 channels on the demo origin's three HLS streams, each its own channel. */
async function servePlaylist(apiUrl: string): Promise<string> {
  const demo = await (await fetch(`${apiUrl}/demo-origin/playlist.m3u`)).text();
  // Its live channels only (the playlist lists films and episodes too).
  const streams = demo.split("\n").filter((line) => line.startsWith("http") && line.includes("/hls/"));
  expect(streams.length).toBe(3);
  const lines = ["#EXTM3U"];
  for (let n = 1; n <= COUNT; n++) {
    // Its own tvg-id too: an import takes entries with one tvg-id and URL path for one channel.
    lines.push(`#EXTINF:-1 tvg-id="paging-${n}" tvg-chno="${n}" group-title="Paging",${name(n)}`);
    lines.push(`${streams[n % streams.length]}?n=${n}`);
  }
  const body = `${lines.join("\n")}\n`;
  playlistServer = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "audio/x-mpegurl" });
    response.end(body);
  });
  await new Promise<void>((resolve) => playlistServer.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(playlistServer.address() as AddressInfo).port}/channels.m3u`;
}

async function importChannels(): Promise<void> {
  const url = await servePlaylist(stack.apiUrl);
  const provider = await ownerCall("/v1/providers", {
    body: { name: "Paging test", kind: "m3u", accounts: [{ url }] },
  });
  expect(provider.status, JSON.stringify(provider.body)).toBe(201);
  const started = await ownerCall("/v1/catalog/imports", { body: { providerId: provider.body.id } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await expect
    .poll(async () => (await ownerCall(`/v1/catalog/imports/${started.body.id}`)).body.status, {
      timeout: 60_000,
    })
    .toBe("succeeded");
  // Every category in a package every plan includes.
  const categories = (await ownerCall("/v1/catalog/categories")).body.items as { id: string }[];
  const pkg = await ownerCall("/v1/catalog/packages", {
    body: { name: "Everything", categoryIds: categories.map((c) => c.id) },
  });
  expect(pkg.status).toBe(201);
  for (const plan of (await ownerCall("/v1/plans")).body.items as { id: string; packageIds: string[] }[]) {
    await ownerCall(`/v1/plans/${plan.id}`, {
      method: "PATCH",
      body: { packageIds: [...plan.packageIds, pkg.body.id] },
    });
  }
}

async function signUpWithPlan(page: Page): Promise<void> {
  const email = uniqueEmail("paging");
  await page.goto(`${stack.webUrl}/signup`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("viewer-password-1234");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/watch/);
  const users = (await ownerCall("/v1/users/")).body.items as { id: string; email: string }[];
  const viewer = users.find((u) => u.email === email);
  const plans = (await ownerCall("/v1/plans")).body.items as { id: string }[];
  const granted = await ownerCall("/v1/subscriptions", {
    body: { viewerId: viewer?.id, planId: plans[0]?.id },
  });
  expect(granted.status, JSON.stringify(granted.body)).toBe(201);
  await page.getByRole("list", { name: "Who is watching?" }).getByRole("button").first().click();
  await expect(page).toHaveURL(/\/watch\/live/);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  process.env.OUTBOUND_ALLOW_PRIVATE = "true";
  try {
    stack = await startStack();
  } finally {
    delete process.env.OUTBOUND_ALLOW_PRIVATE;
  }
  await importChannels();
});

test.afterAll(() => {
  stopStack();
  playlistServer?.close();
});

test("live TV shows the first page at once, loads more on scroll and steps past what it loaded", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signUpWithPlan(page);
  const lists: URL[] = [];
  const onRequest = (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname === "/api/v1/me/catalog/items") lists.push(url);
  };
  page.on("request", onRequest);

  const channels = page.locator("[data-channel]");
  const started = Date.now();
  await page.reload();
  await expect(channels.first()).toBeVisible();
  const firstShownMs = Date.now() - started;
  expect(firstShownMs).toBeLessThan(5_000);
  // One page of 100 and nothing more, however long the viewer waits.
  await page.waitForTimeout(1_500);
  await expect(channels).toHaveCount(100);
  expect(lists.map((u) => u.search)).toEqual(["?type=live&limit=100"]);
  await shot(page, "live-paging-first-page");

  // Scrolling to the end of the list loads the next page, once.
  await page.locator(".live-channels").evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(channels).toHaveCount(200);
  expect(lists).toHaveLength(2);
  expect(lists[1]?.searchParams.get("cursor")).toBeTruthy();

  // Search goes to the API: a channel of the last page is found without loading the pages between.
  await page.getByRole("searchbox", { name: "Search channels" }).fill(name(1187));
  await expect(channels).toHaveCount(1);
  await expect(channels.first()).toContainText(name(1187));
  expect(lists.at(-1)?.searchParams.get("q")).toBe(name(1187));
  // By channel number too.
  await page.getByRole("searchbox", { name: "Search channels" }).fill("1199");
  await expect(channels).toHaveCount(1);
  await expect(channels.first()).toContainText(name(1199));
  await shot(page, "live-paging-search");

  // Back to the whole list: its first page again; the last loaded channel plays.
  await page.getByRole("searchbox", { name: "Search channels" }).fill("");
  await expect(channels).toHaveCount(100);
  const lastLoaded = channels.nth(99);
  const lastName = (await lastLoaded.locator(".channel-name").textContent()) ?? "";
  const lastNumber = Number(lastName.slice("Paging ".length));
  expect(lastNumber).toBeGreaterThan(0);
  // Played without scrolling to it, so the end of the list stays out of sight and loads nothing.
  await page.locator(".live-channels").evaluate((el) => el.scrollTo(0, 0));
  const pagesBefore = lists.length;
  await lastLoaded.dispatchEvent("click");
  await expect(lastLoaded).toHaveAttribute("aria-current", "true");
  await page.waitForTimeout(500);
  expect(lists.length).toBe(pagesBefore);

  // Channel up from it plays the next channel, on the page not loaded yet.
  const routes: URL[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/api/v1/streaming/node-route") routes.push(url);
  });
  await page.getByRole("button", { name: "Next channel" }).click();
  const next = page.locator(".channel.current .channel-name");
  await expect(next).toHaveText(name(lastNumber + 1));
  await expect(page.locator(".player-title")).toContainText(name(lastNumber + 1));
  expect(lists.length).toBe(pagesBefore + 1);
  await expect.poll(() => routes.length).toBeGreaterThan(0);
  const nextId = await page.locator(".channel.current [data-channel]").getAttribute("data-channel");
  expect(routes.at(-1)?.searchParams.get("streamId")).toBe(nextId);
  const video = page.locator("video");
  await expect
    .poll(async () => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 45_000 })
    .toBeGreaterThan(0.5);
  await shot(page, "live-paging-channel-up");

  // A channel opened by id from the last page (the guide's and search's ?play=) plays, and
  // channel down from it asks the API for the one before, loaded or not.
  const deep = await ownerCall(`/v1/catalog/items?type=live&q=${encodeURIComponent(name(1150))}&limit=1`);
  await page.goto(`${stack.webUrl}/watch/live?play=${deep.body.items[0].id}`);
  await expect(page.locator(".player-title")).toContainText(name(1150));
  await page.getByRole("button", { name: "Previous channel" }).click();
  await expect(page.locator(".player-title")).toContainText(name(1149));
  await expect(channels).toHaveCount(100);
});
