/**
 * The edge as a node runs it by default: upstream fetches reach public addresses only. Test
 * servers listen on 127.0.0.1 and stand in for providers two ways: by that (private) address,
 * and as `cdn.example`, a public name the fake resolver maps to a public address served locally.
 */
import { afterEach, describe, expect, test } from "bun:test";
import type { Server } from "bun";
import { type Harness, startEdge } from "../../test/edge-harness.ts";
import { captureLogger, type LogLine, publicOnly } from "../../test/fake-network.ts";
import { openHlsEntry, playlistUris } from "../../test/hls-client.ts";
import { readFor } from "../../test/read-stream.ts";
import { startTsOrigin } from "../../test/ts-origin.ts";
import { decodeBase64Url } from "../base64url.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const SEGMENT = new Uint8Array(4096).fill(7);

/** A provider serving HLS and a film, whose playlists and redirects point back at its private address. */
function startProvider() {
  const hits = new Map<string, number>();
  const server: Server<unknown> = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(request) {
      const { pathname } = new URL(request.url);
      hits.set(pathname, (hits.get(pathname) ?? 0) + 1);
      const privately = `http://127.0.0.1:${server.port}`;
      const playlist = (lines: string[]) =>
        new Response(["#EXTM3U", ...lines, ""].join("\n"), {
          headers: { "content-type": "application/vnd.apple.mpegurl" },
        });
      switch (pathname) {
        case "/master.m3u8":
          return playlist([
            "#EXT-X-STREAM-INF:BANDWIDTH=800000",
            "public.m3u8",
            "#EXT-X-STREAM-INF:BANDWIDTH=400000",
            `${privately}/private.m3u8`,
          ]);
        case "/public.m3u8":
        case "/private.m3u8":
          return playlist([
            "#EXT-X-TARGETDURATION:2",
            "#EXTINF:2.000,",
            "a.ts",
            "#EXTINF:2.000,",
            `${privately}/b.ts`,
            "#EXTINF:2.000,",
            "http://169.254.169.254/latest/meta-data/c.ts",
          ]);
        case "/a.ts":
        case "/b.ts":
        case "/film-private.mp4":
        case "/film.mp4":
          return new Response(SEGMENT, { headers: { "content-type": "video/mp2t" } });
        case "/film-redirect.mp4":
          return new Response(null, { status: 302, headers: { location: `${privately}/film-private.mp4` } });
        default:
          return new Response("not found", { status: 404 });
      }
    },
  });
  cleanups.push(async () => void server.stop(true));
  return { hits, port: server.port ?? 0, named: `http://cdn.example:${server.port}` };
}

async function setup(): Promise<{ h: Harness; logs: LogLine[] }> {
  const logger = captureLogger();
  const h = await startEdge({}, { outbound: publicOnly(), logger });
  cleanups.push(() => h.stop());
  return { h, logs: logger.lines };
}

/** The refusal logged with the warning `msg`, if any. */
function refusalLogged(logs: LogLine[], msg: string): unknown {
  const line = logs.find(
    (l) => l.level === "warn" && l.msg === msg && (l.err as { refusal?: unknown })?.refusal,
  );
  return (line?.err as { refusal?: unknown } | undefined)?.refusal;
}

describe("live MPEG-TS", () => {
  test("a source on a private address is refused and the channel fails over to the public one", async () => {
    const { h, logs } = await setup();
    const privateOrigin = startTsOrigin({ bitrateBps: 2_000_000, tag: 1 });
    const publicOrigin = startTsOrigin({ bitrateBps: 2_000_000, tag: 2 });
    cleanups.push(
      () => privateOrigin.kill(),
      () => publicOrigin.kill(),
    );
    h.sources.set("live/100", [
      { id: "private", url: privateOrigin.url, format: "ts", accountId: null },
      { id: "public", url: `http://cdn.example:${publicOrigin.port}/live.ts`, format: "ts", accountId: null },
    ]);
    const response = await fetch(`${h.base}/live/100.ts?token=${await h.token("100", "live", "ts")}`);
    expect(response.status).toBe(200);
    const read = await readFor(response.body as ReadableStream<Uint8Array>, 600);
    expect(read.tags).toEqual(new Set([2]));
    expect(privateOrigin.connections).toBe(0);
    expect(refusalLogged(logs, "upstream refused")).toMatchObject({
      reason: "not_public",
      address: "127.0.0.1",
      addressClass: "loopback",
    });
  });

  test("a channel whose only source is private answers that it could not be opened", async () => {
    const { h, logs } = await setup();
    const origin = startTsOrigin({ bitrateBps: 2_000_000 });
    cleanups.push(() => origin.kill());
    h.sources.set("live/101", [{ id: "private", url: origin.url, format: "ts", accountId: null }]);
    const response = await fetch(`${h.base}/live/101.ts?token=${await h.token("101", "live", "ts")}`);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ code: "upstream_failed" });
    expect(origin.connections).toBe(0);
    expect(refusalLogged(logs, "upstream refused")).toMatchObject({ addressClass: "loopback" });
  });
});

describe("HLS", () => {
  test("variant playlists and segments a playlist names on private addresses are refused", async () => {
    const { h, logs } = await setup();
    const provider = startProvider();
    h.sources.set("live/200", [
      { id: "h", url: `${provider.named}/master.m3u8`, format: "hls", accountId: null },
    ]);
    const master = await openHlsEntry(h, "200");
    const [publicVariant, privateVariant] = playlistUris(master);
    // Relative URIs resolve against the name the playlist was fetched by, not the address.
    const ref = (publicVariant ?? "").split("/")[5]?.split(".")[0] ?? "";
    expect(new TextDecoder().decode(decodeBase64Url(ref))).toBe(`${provider.named}/public.m3u8`);

    const refused = await fetch(`${h.base}${privateVariant}`);
    expect(refused.status).toBe(502);
    expect(await refused.json()).toMatchObject({ code: "upstream_failed" });

    const media = await (await fetch(`${h.base}${publicVariant}`)).text();
    const [a, b, c] = playlistUris(media);
    const segment = await fetch(`${h.base}${a}`);
    expect(new Uint8Array(await segment.arrayBuffer())).toEqual(SEGMENT);
    for (const uri of [b, c]) {
      const answer = await fetch(`${h.base}${uri}`);
      expect(answer.status).toBe(502);
      expect(await answer.json()).toMatchObject({ code: "upstream_failed" });
    }
    expect([...provider.hits.keys()].sort()).toEqual(["/a.ts", "/master.m3u8", "/public.m3u8"]);
    const classes = logs
      .filter((l) => l.msg === "HLS upstream fetch failed")
      .map((l) => (l.err as { refusal: { addressClass: string } }).refusal.addressClass);
    expect(classes.sort()).toEqual(["link-local", "loopback", "loopback"]);
  });
});

describe("VOD", () => {
  test("a redirect to a private address is refused at the hop; the next source plays", async () => {
    const { h, logs } = await setup();
    const provider = startProvider();
    h.sources.set("vod/9", [
      { id: "redirecting", url: `${provider.named}/film-redirect.mp4`, format: "file", accountId: null },
    ]);
    const url = async () => `${h.base}/vod/vod/9?token=${await h.token("9", "vod", "file")}`;
    const refused = await fetch(await url());
    expect(refused.status).toBe(502);
    expect(await refused.json()).toMatchObject({ code: "upstream_failed" });
    expect(provider.hits.get("/film-private.mp4")).toBeUndefined();
    expect(refusalLogged(logs, "VOD source failed")).toMatchObject({
      reason: "not_public",
      addressClass: "loopback",
    });

    h.sources.set("vod/9", [
      { id: "redirecting", url: `${provider.named}/film-redirect.mp4`, format: "file", accountId: null },
      { id: "public", url: `${provider.named}/film.mp4`, format: "file", accountId: null },
    ]);
    const played = await fetch(await url());
    expect(played.status).toBe(200);
    expect(new Uint8Array(await played.arrayBuffer())).toEqual(SEGMENT);
  });
});
