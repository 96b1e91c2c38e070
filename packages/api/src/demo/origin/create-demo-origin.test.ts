import { describe, expect, test } from "bun:test";
import { Elysia } from "elysia";
import { SaxesParser } from "saxes";
import { classifyEntry } from "../../iptv/classify-entry.ts";
import { createDemoOrigin } from "./create-demo-origin.ts";
import { DEMO_CHANNELS, DEMO_TITLES } from "./demo-channels.ts";

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const origin = createDemoOrigin({ basePath: "/demo-origin", now: () => NOW });
const get = (path: string, init?: RequestInit) =>
  origin.fetch(new Request(`http://localhost:3000${path}`, init));

describe("demo origin routes", () => {
  test("exposes the demo channels", () => {
    expect(origin.channels.map((channel) => channel.id)).toEqual(["neve-one", "neve-bars", "neve-rgb"]);
    expect(origin.openStreams).toBe(0);
  });

  test("serves an M3U whose absolute URLs point back at the mount point of the request", async () => {
    const response = await get("/demo-origin/playlist.m3u");
    expect(response.headers.get("content-type")).toBe("audio/x-mpegurl; charset=utf-8");
    const playlist = await response.text();
    const urls = playlist.split("\n").filter((line) => line.startsWith("http"));
    expect(urls).toHaveLength(DEMO_CHANNELS.length + DEMO_TITLES.length);
    for (const url of urls.slice(0, DEMO_CHANNELS.length)) {
      expect(url).toStartWith("http://localhost:3000/demo-origin/hls/");
    }
    for (const url of urls) expect((await origin.fetch(new Request(url))).status).toBe(200);
    for (const [, logo] of playlist.matchAll(/tvg-logo="([^"]+)"/g)) {
      expect((await origin.fetch(new Request(logo ?? ""))).status).toBe(200);
    }
  });

  test("lists a film and a series' episodes under Xtream-style URLs that importers classify, with posters", async () => {
    const playlist = await (await get("/demo-origin/playlist.m3u")).text();
    const lines = playlist.trimEnd().split("\n");
    const entries = DEMO_TITLES.map((title) => {
      const at = lines.findIndex((line) => line.endsWith(`,${title.name}`));
      return { title, info: lines[at] ?? "", url: lines[at + 1] ?? "" };
    });
    expect(
      entries.map(({ title, info, url }) => classifyEntry({ url, title: title.name, group: info })),
    ).toEqual(["vod", "series", "series", "series"]);
    for (const { info, url } of entries) {
      expect(info).toStartWith("#EXTINF:6 ");
      const poster = /tvg-logo="([^"]+)"/.exec(info)?.[1] ?? "";
      const svg = await (await origin.fetch(new Request(poster))).text();
      expect(() => new SaxesParser().write(svg).close()).not.toThrow();
      // Every title plays the demo reel, with byte ranges as players seek.
      const part = await origin.fetch(new Request(url, { headers: { range: "bytes=0-7" } }));
      expect(part.status).toBe(206);
      expect(part.headers.get("content-type")).toBe("video/mp4");
      expect(new TextDecoder().decode((await part.arrayBuffer()).slice(4, 8))).toBe("ftyp");
    }
    const episodePoster = await (await get("/demo-origin/posters/neve-tales-s01e02.svg")).text();
    expect(episodePoster).toContain(">NT<");
    expect(episodePoster).toContain(">S01 E02<");
    expect(await (await get("/demo-origin/posters/neve-reel.svg")).text()).toContain(">NR<");
    // The MPEG-TS variant lists the live channels only.
    const ts = await (await get("/demo-origin/playlist.m3u?output=ts")).text();
    expect(ts).not.toContain("/movie/");
    expect(ts).not.toContain("/series/");
    expect((await get("/demo-origin/movie/nope.mp4")).status).toBe(404);
    expect((await get("/demo-origin/series/neve-reel.mp4")).status).toBe(404);
  });

  test("works behind a router that strips its prefix (Elysia's mount), still linking with the prefix", async () => {
    const stripped = await (await get("/playlist.m3u")).text();
    expect(stripped).toBe(await (await get("/demo-origin/playlist.m3u")).text());
    const app = new Elysia().mount("/demo-origin", origin.fetch);
    const mounted = await app.handle(new Request("http://localhost:3000/demo-origin/playlist.m3u"));
    expect(await mounted.text()).toBe(stripped);
    const segment = await app.handle(
      new Request("http://localhost:3000/demo-origin/hls/neve-one/index.m3u8"),
    );
    expect(segment.status).toBe(200);
  });

  test("uses publicUrl for links when the origin sits behind a proxy", async () => {
    const proxied = createDemoOrigin({ publicUrl: "https://tv.example.com/demo-origin/", now: () => NOW });
    const playlist = await (
      await proxied.fetch(new Request("http://10.0.0.5/playlist.m3u?output=ts"))
    ).text();
    expect(playlist).toContain("\nhttps://tv.example.com/demo-origin/ts/neve-one.ts\n");
    expect(playlist).toContain('url-tvg="https://tv.example.com/demo-origin/epg.xml"');
  });

  test("serves the guide as XML and the logos as SVG", async () => {
    const guide = await get("/demo-origin/epg.xml");
    expect(guide.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    expect(await guide.text()).toContain('<programme start="20261124000000 +0000"');
    const logo = await get("/demo-origin/logos/neve-bars.svg");
    expect(logo.headers.get("content-type")).toBe("image/svg+xml");
    const svg = await logo.text();
    expect(() => new SaxesParser().write(svg).close()).not.toThrow();
    expect(svg).toContain("#db2777");
    expect(svg).toContain(">NB<");
  });

  test("lists everything it serves at its root", async () => {
    const index = (await (await get("/demo-origin/")).json()) as {
      channels: Array<{ hls: string }>;
      vod: unknown[];
      titles: Array<{ id: string; url: string }>;
    };
    expect(index.channels[0]?.hls).toBe("http://localhost:3000/demo-origin/hls/neve-one/index.m3u8");
    expect(index.vod).toEqual([
      { name: "neve-reel", url: "http://localhost:3000/demo-origin/vod/neve-reel.mp4" },
    ]);
    expect(index.titles.map((title) => title.url)).toEqual([
      "http://localhost:3000/demo-origin/movie/neve-reel.mp4",
      "http://localhost:3000/demo-origin/series/neve-tales-s01e01.mp4",
      "http://localhost:3000/demo-origin/series/neve-tales-s01e02.mp4",
      "http://localhost:3000/demo-origin/series/neve-tales-s01e03.mp4",
    ]);
  });

  test("lets any origin read every response, including errors", async () => {
    for (const path of [
      "/demo-origin/playlist.m3u",
      "/demo-origin/hls/neve-one/index.m3u8",
      "/demo-origin/nope",
    ]) {
      expect((await get(path)).headers.get("access-control-allow-origin")).toBe("*");
    }
    const preflight = await get("/demo-origin/vod/neve-reel.mp4", { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("range");
  });

  test("answers problem+json for unknown routes and other methods", async () => {
    const unknown = await get("/demo-origin/nope");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toBe("application/problem+json");
    expect(((await unknown.json()) as { code: string }).code).toBe("route_not_found");
    expect((await get("/demo-origin-other/playlist.m3u")).status).toBe(404);
    expect((await get("/demo-origin/logos/nope.svg")).status).toBe(404);
    const post = await get("/demo-origin/playlist.m3u", { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  });

  test("refuses to start without its fixtures", () => {
    expect(() => createDemoOrigin({ fixturesDir: "/nonexistent/fixtures" })).toThrow();
  });
});
