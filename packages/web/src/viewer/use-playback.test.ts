import "../testing/solid-browser.ts";
import { afterAll, beforeEach, expect, test } from "bun:test";
import { createClient } from "@nevewatch/sdk";
import { type Hit, problem, startApi } from "../testing/api-stand-in.ts";
import { installPage } from "../testing/page-globals.ts";

const { createRoot } = await import("solid-js");

// The route API as the hooks see it: each channel its own answer, some of them held back.
const held = new Map<string, Promise<void>>();
let gen = 1000;
const api = startApi({
  async "GET /v1/streaming/node-route"(hit: Hit) {
    const id = hit.query.get("streamId") ?? "";
    await held.get(id);
    if (id === "off-plan") return problem(403, "not_in_plan");
    gen += 1;
    return {
      nodeId: "n1",
      nodeUrl: "http://edge.test",
      url: `http://edge.test/live/${id}.m3u8`,
      format: "hls",
      token: "t",
      expiresIn: 60,
      sessionId: `s-${id}`,
      gen,
    };
  },
  "DELETE /v1/me/screens/:sessionId": () => undefined,
});
const page = installPage(api.url);
afterAll(() => {
  page.restore();
  api.stop();
});
beforeEach(() => {
  held.clear();
  page.storage.clear();
});

// After the page stand-in: the SDK's fetch client keeps the `Request` it finds when made.
const client = createClient({ baseUrl: api.url, store: "demo" });
const { createPlayback, releaseRoute } = await import("./use-playback.ts");

function playback() {
  let dispose = () => {};
  const state = createRoot((d) => {
    dispose = d;
    return createPlayback(client);
  });
  return { state, dispose };
}

const releases = () => page.sent.filter((r) => r.method === "DELETE");

test("play shows loading at once, then the route's source", async () => {
  const { state, dispose } = playback();
  const playing = state.play("live", "one");
  expect(state.currentId()).toBe("one");
  expect(state.loading()).toBe(true);
  expect(state.source()).toBeNull();
  await playing;
  expect(state.loading()).toBe(false);
  expect(state.source()).toEqual({ url: "http://edge.test/live/one.m3u8", format: "hls" });
  expect(state.error()).toBeNull();
  dispose();
});

test("a refused route shows its problem code and no source", async () => {
  const { state, dispose } = playback();
  await state.play("live", "off-plan");
  expect(state.error()).toEqual({ code: "not_in_plan" });
  expect(state.source()).toBeNull();
  expect(state.loading()).toBe(false);
  dispose();
});

test("an API out of reach is a network_error", async () => {
  const gone = createClient({ baseUrl: "http://127.0.0.1:9", store: "demo" });
  await createRoot(async (dispose) => {
    const state = createPlayback(gone);
    await state.play("live", "one");
    expect(state.error()).toEqual({ code: "network_error" });
    dispose();
  });
});

test("a late answer for an earlier channel is ignored", async () => {
  const { state, dispose } = playback();
  let release = () => {};
  held.set(
    "slow",
    new Promise((resolve) => {
      release = resolve;
    }),
  );
  const first = state.play("live", "slow");
  await state.play("live", "fast");
  expect(state.source()?.url).toBe("http://edge.test/live/fast.m3u8");
  release();
  await first;
  expect(state.currentId()).toBe("fast");
  expect(state.source()?.url).toBe("http://edge.test/live/fast.m3u8");
  expect(state.loading()).toBe(false);
  dispose();
});

test("releaseRoute frees the screen with the route's generation, as a keep-alive request", async () => {
  const before = api.hitsOf("DELETE /v1/me/screens/:sessionId").length;
  releaseRoute(client, { sessionId: "s-42", gen: 1234 });
  await Bun.sleep(50);
  const hits = api.hitsOf("DELETE /v1/me/screens/:sessionId").slice(before);
  expect(hits.map((h) => `${h.path}?${h.query}`)).toContain("/v1/me/screens/s-42?gen=1234");
  expect(releases().find((r) => r.url.pathname.endsWith("/s-42"))?.keepalive).toBe(true);
});

test("the page going away releases the current route, once; leaving the player does too", async () => {
  const { state, dispose } = playback();
  await state.play("live", "a");
  await state.play("live", "b");
  const routeOfB = gen;
  const before = api.hitsOf("DELETE /v1/me/screens/:sessionId").length;
  page.window.dispatchEvent(new Event("pagehide"));
  page.window.dispatchEvent(new Event("pagehide"));
  await Bun.sleep(50);
  const released = api.hitsOf("DELETE /v1/me/screens/:sessionId").slice(before);
  expect(released.map((h) => `${h.path}?${h.query}`)).toEqual([`/v1/me/screens/s-b?gen=${routeOfB}`]);

  await state.play("live", "c");
  dispose();
  await Bun.sleep(50);
  expect(api.hitsOf("DELETE /v1/me/screens/:sessionId").at(-1)?.path).toBe("/v1/me/screens/s-c");
  // Disposed: the listener is gone, so a later pagehide sends nothing more.
  const count = api.hitsOf("DELETE /v1/me/screens/:sessionId").length;
  page.window.dispatchEvent(new Event("pagehide"));
  await Bun.sleep(50);
  expect(api.hitsOf("DELETE /v1/me/screens/:sessionId").length).toBe(count);
});

test("fail shows a player's own problem and drops the source", async () => {
  const { state, dispose } = playback();
  await state.play("live", "one");
  state.fail("media_error");
  expect(state.error()).toEqual({ code: "media_error" });
  expect(state.source()).toBeNull();
  dispose();
});
