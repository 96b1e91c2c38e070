import { afterEach, describe, expect, test } from "bun:test";
import { type Harness, startEdge } from "../../test/edge-harness.ts";
import { openHlsSession, playlistUris } from "../../test/hls-client.ts";
import { INIT_BYTES, KEY_BYTES, segmentBytes, startHlsOrigin } from "../../test/hls-origin.ts";
import type { EdgeConfig } from "./edge-config.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let clockOffset = 0;
const clock = () => Math.floor(Date.now() / 1000) + clockOffset;

async function setup(config: Partial<EdgeConfig> = {}, path = "/live/ch1/index.m3u8") {
  clockOffset = 0;
  const origin = startHlsOrigin();
  cleanups.push(() => origin.kill());
  const h = await startEdge(config, { clock });
  cleanups.push(() => h.stop());
  h.sources.set("live/200", [{ id: "h1", url: `${origin.base}${path}`, format: "hls", accountId: null }]);
  return { h, origin };
}

const open = (h: Harness, token?: string): Promise<string> => openHlsSession(h, "200", token);
const uris = playlistUris;

describe("HLS routes", () => {
  test("redirects the token URL to a session-bound playlist whose every URI goes through the edge", async () => {
    const { h } = await setup();
    const playlistUrl = await open(h);
    const key = new URL(playlistUrl).pathname.split("/")[3] ?? "";
    expect(new URL(playlistUrl).pathname).toBe(`/hls/s/${key}/index.m3u8`);
    const response = await fetch(playlistUrl);
    expect(response.headers.get("content-type")).toBe("application/vnd.apple.mpegurl");
    const text = await response.text();
    const found = uris(text);
    expect(found).toHaveLength(6);
    for (const uri of found) expect(uri).toStartWith(`/hls/s/${key}/`);
    expect(text).not.toContain("127.0.0.1");
    expect(text).toContain("#EXT-X-MEDIA-SEQUENCE:100");
    // Segments, the key and the init section come back byte for byte.
    const bodies = await Promise.all(
      found.map(async (uri) => new Uint8Array(await (await fetch(`${h.base}${uri}`)).arrayBuffer())),
    );
    expect(bodies[0]).toEqual(KEY_BYTES);
    expect(bodies[1]).toEqual(INIT_BYTES);
    expect(bodies.slice(2)).toEqual([100, 101, 102, 103].map((n) => segmentBytes(`seg${n}.ts`)));
  });

  test("100 concurrent requests for one fresh segment make exactly one upstream fetch", async () => {
    const { h, origin } = await setup();
    const text = await (await fetch(await open(h))).text();
    const segmentUri = uris(text)[2] ?? "";
    origin.segmentDelayMs = 150;
    const responses = await Promise.all(Array.from({ length: 100 }, () => fetch(`${h.base}${segmentUri}`)));
    const bodies = await Promise.all(responses.map(async (r) => new Uint8Array(await r.arrayBuffer())));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(bodies.every((body) => Buffer.compare(body, segmentBytes("seg100.ts")) === 0)).toBe(true);
    expect(origin.hits.get("/live/ch1/seg100.ts")).toBe(1);
    const stats = h.edge.stats().hls;
    expect(stats.cacheMisses).toBe(1);
    expect(stats.cacheHits).toBe(99);
  });

  test("fetches the upstream playlist once per refresh interval however many sessions poll", async () => {
    const { h, origin } = await setup({ hlsRefreshMs: 500 });
    const sessions = await Promise.all(Array.from({ length: 20 }, () => open(h)));
    const startedAt = Date.now();
    while (Date.now() - startedAt < 1200) {
      await Promise.all(sessions.map(async (url) => (await fetch(url)).text()));
      await Bun.sleep(50);
    }
    // 1.2 s of polling by 20 sessions at a 500 ms refresh: at most 3-4 upstream fetches.
    expect(origin.hits.get("/live/ch1/index.m3u8")).toBeLessThanOrEqual(4);
  });

  test("segment URLs keep working after the route token expired; a new expired token is refused", async () => {
    const { h } = await setup();
    const token = await h.token("200", "live", "hls");
    const playlistUrl = await open(h, token);
    const segmentUri = uris(await (await fetch(playlistUrl)).text())[3] ?? "";
    clockOffset = 3600;
    expect((await fetch(`${h.base}${segmentUri}`)).status).toBe(200);
    expect((await fetch(playlistUrl)).status).toBe(200);
    clockOffset = 0;
    const stale = await h.token("200", "live", "hls");
    clockOffset = 3600;
    const refused = await fetch(`${h.base}/hls/200/index.m3u8?token=${stale}`, { redirect: "manual" });
    expect(refused.status).toBe(401);
    expect((await refused.json()).code).toBe("token_expired");
  });

  test("ends an idle session and refuses its URLs afterwards", async () => {
    const { h } = await setup({ sessionIdleMs: 300 });
    const playlistUrl = await open(h);
    expect((await fetch(playlistUrl)).status).toBe(200);
    expect(h.edge.stats().sessions).toBe(1);
    await Bun.sleep(1000);
    const gone = await fetch(playlistUrl);
    expect(gone.status).toBe(403);
    expect((await gone.json()).code).toBe("session_expired");
    expect(h.ended).toHaveLength(1);
  });

  test("a revoked session's URLs stop working and its token cannot re-open it", async () => {
    const { h } = await setup();
    const token = await h.token("200", "live", "hls", { sid: "revoke-me" });
    const playlistUrl = await open(h, token);
    h.edge.revoke(["revoke-me"]);
    expect((await fetch(playlistUrl)).status).toBe(403);
    const again = await fetch(`${h.base}/hls/200/index.m3u8?token=${token}`, { redirect: "manual" });
    expect(again.status).toBe(403);
    expect((await again.json()).code).toBe("session_revoked");
  });

  test("a route URL admits one client: a second entry while the first plays is refused", async () => {
    const { h } = await setup({ hlsClientIdleMs: 400 });
    const token = await h.token("200", "live", "hls");
    const first = await open(h, token);
    expect((await fetch(first)).status).toBe(200);
    const second = await fetch(`${h.base}/hls/200/index.m3u8?token=${token}`, { redirect: "manual" });
    expect(second.status).toBe(409);
    expect((await second.json()).code).toBe("route_in_use");
    expect(h.edge.stats().sessions).toBe(1);
    // Once the first client went quiet, the same URL may start again; the old client is cut off.
    await Bun.sleep(500);
    const taken = await open(h, token);
    expect(taken).not.toBe(first);
    expect((await fetch(taken)).status).toBe(200);
    expect((await fetch(first)).status).toBe(403);
  });

  test("a newer route of the same screen ends the older stream, which cannot come back", async () => {
    const { h } = await setup();
    h.sources.set("live/201", h.sources.get("live/200") ?? []);
    const older = await h.token("200", "live", "hls", { sid: "tv", gen: 10 });
    const newer = await h.token("201", "live", "hls", { sid: "tv", gen: 11 });
    const olderUrl = await open(h, older);
    const r = await fetch(`${h.base}/hls/201/index.m3u8?token=${newer}`, { redirect: "manual" });
    expect(r.status).toBe(200);
    expect((await fetch(olderUrl)).status).toBe(403);
    const back = await fetch(`${h.base}/hls/200/index.m3u8?token=${older}`, { redirect: "manual" });
    expect(back.status).toBe(409);
    expect((await back.json()).code).toBe("session_superseded");
    expect(h.edge.stats().sessionList.map((s) => s.gen)).toEqual([11]);
  });

  test("a revocation up to a generation spares the screen's later routes", async () => {
    const { h } = await setup();
    const old = await h.token("200", "live", "hls", { sid: "tv", gen: 5 });
    await open(h, old);
    h.edge.revoke([{ sid: "tv", upTo: 5 }]);
    const again = await fetch(`${h.base}/hls/200/index.m3u8?token=${old}`, { redirect: "manual" });
    expect((await again.json()).code).toBe("session_revoked");
    const later = await h.token("200", "live", "hls", { sid: "tv", gen: 6 });
    const r = await fetch(`${h.base}/hls/200/index.m3u8?token=${later}`, { redirect: "manual" });
    expect(r.status).toBe(200);
  });

  test("refuses resource references that were tampered with or minted for another stream", async () => {
    const { h } = await setup();
    h.sources.set("live/201", h.sources.get("live/200") ?? []);
    const mine = await open(h);
    const other = await openHlsSession(h, "201");
    const myKey = new URL(mine).pathname.split("/")[3] ?? "";
    const otherUri = uris(await (await fetch(other)).text())[2] ?? "";
    const swapped = otherUri.replace(/^\/hls\/s\/[^/]+\//, `/hls/s/${myKey}/`);
    const crossed = await fetch(`${h.base}${swapped}`);
    expect(crossed.status).toBe(403);
    expect((await crossed.json()).code).toBe("ref_invalid");
    const evil = Buffer.from("http://169.254.169.254/latest").toString("base64url");
    const forged = await fetch(`${h.base}/hls/s/${myKey}/s/${evil}.AAAAAAAAAAAAAAAAAAAAAA/x.ts`);
    expect(forged.status).toBe(403);
    const unknownSession = await fetch(`${h.base}/hls/s/nope/index.m3u8`);
    expect((await unknownSession.json()).code).toBe("session_expired");
  });

  test("rewrites master playlists so variants and renditions, and their segments, go through the edge", async () => {
    const { h, origin } = await setup({}, "/live/master.m3u8");
    const token = await h.token("200", "live", "hls");
    // The token URL answers the upstream's own multivariant playlist, rewritten.
    const master = await (await fetch(`${h.base}/hls/200/index.m3u8?token=${token}`)).text();
    const children = uris(master);
    expect(children).toHaveLength(2);
    const variant = await (await fetch(`${h.base}${children[1]}`)).text();
    expect(variant).toContain("#EXTINF:2.000,");
    const segment = uris(variant)[2] ?? "";
    expect(new Uint8Array(await (await fetch(`${h.base}${segment}`)).arrayBuffer())).toEqual(
      segmentBytes("seg100.ts"),
    );
    expect(origin.hits.get("/live/master.m3u8")).toBe(1);
  });

  test("builds rewritten URIs under the mount prefix", async () => {
    const { h } = await setup({ prefix: "/edge" });
    const token = await h.token("200", "live", "hls");
    const response = await fetch(`${h.base}/edge/hls/200/index.m3u8?token=${token}`, { redirect: "manual" });
    const location = uris(await response.text())[0] ?? "";
    expect(location).toStartWith("/edge/hls/s/");
    const text = await (await fetch(`${h.base}${location}`)).text();
    for (const uri of uris(text)) expect(uri).toStartWith("/edge/hls/s/");
    expect((await fetch(`${h.base}${uris(text)[2]}`)).status).toBe(200);
    expect((await fetch(`${h.base}/hls/200/index.m3u8?token=${token}`)).status).toBe(404);
  });
});
