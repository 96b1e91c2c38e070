import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { backwardSteps, probePackets, runTool, transportErrors } from "../_media-tools.ts";
import { createDemoOrigin } from "../create-demo-origin.ts";
import { type DemoOriginServer, serveDemoOrigin } from "../serve.ts";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

async function get(origin: ReturnType<typeof createDemoOrigin>, path: string) {
  return origin.fetch(new Request(`http://localhost/demo-origin${path}`));
}

function sequenceOf(playlist: string): number {
  return Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(playlist)?.[1]);
}

function segmentsOf(playlist: string): string[] {
  return playlist.split("\n").filter((line) => line.endsWith(".ts"));
}

describe("live HLS playlist", () => {
  const clock = { nowMs: T0 };
  const origin = createDemoOrigin({ basePath: "/demo-origin", now: () => clock.nowMs });

  test("lists the six newest 2 s segments with wall-clock dates and no discontinuities", async () => {
    const response = await get(origin, "/hls/neve-one/index.m3u8");
    expect(response.headers.get("content-type")).toBe("application/vnd.apple.mpegurl");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const playlist = await response.text();
    expect(playlist).toContain("#EXT-X-TARGETDURATION:2\n");
    expect(playlist).not.toContain("#EXT-X-ENDLIST");
    expect(playlist).not.toContain("DISCONTINUITY");
    const newest = T0 / 2000 - 1;
    expect(sequenceOf(playlist)).toBe(newest - 5);
    expect(segmentsOf(playlist)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `${newest - 5 + i}.ts`));
    expect(playlist).toContain(
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(T0 - 2000).toISOString()}\n#EXTINF:2.000,\n${newest}.ts`,
    );
  });

  test("slides forward one segment every two seconds", async () => {
    const before = sequenceOf(await (await get(origin, "/hls/neve-one/index.m3u8")).text());
    clock.nowMs = T0 + 1999;
    expect(sequenceOf(await (await get(origin, "/hls/neve-one/index.m3u8")).text())).toBe(before);
    clock.nowMs = T0 + 2000;
    expect(sequenceOf(await (await get(origin, "/hls/neve-one/index.m3u8")).text())).toBe(before + 1);
    clock.nowMs = T0 + 60_000;
    const later = await (await get(origin, "/hls/neve-one/index.m3u8")).text();
    expect(sequenceOf(later)).toBe(before + 30);
    expect(segmentsOf(later)).toHaveLength(6);
    clock.nowMs = T0;
  });

  test("serves listed segments as cacheable MPEG-TS and refuses ones not yet recorded", async () => {
    const newest = T0 / 2000 - 1;
    const segment = await get(origin, `/hls/neve-bars/${newest}.ts`);
    expect(segment.status).toBe(200);
    expect(segment.headers.get("content-type")).toBe("video/mp2t");
    expect(segment.headers.get("cache-control")).toContain("max-age=");
    const bytes = new Uint8Array(await segment.arrayBuffer());
    expect(bytes.length % 188).toBe(0);
    expect(bytes[0]).toBe(0x47);
    expect((await get(origin, `/hls/neve-bars/${newest + 5}.ts`)).status).toBe(404);
    expect((await get(origin, "/hls/nope/index.m3u8")).status).toBe(404);
  });

  test("gives the same bytes for a segment on every request", async () => {
    const path = `/hls/neve-rgb/${T0 / 2000 - 3}.ts`;
    const first = new Uint8Array(await (await get(origin, path)).arrayBuffer());
    const second = new Uint8Array(await (await get(origin, path)).arrayBuffer());
    expect(second).toEqual(first);
  });
});

describe("live HLS through ffmpeg", () => {
  let server: DemoOriginServer;
  beforeAll(() => {
    server = serveDemoOrigin({});
  });
  afterAll(async () => {
    await server.stop();
  });

  test("ffmpeg opens the playlist and decodes video and audio without errors", async () => {
    const url = new URL("hls/neve-one/index.m3u8", server.url).href;
    const run = await runTool(
      ["ffmpeg", "-v", "error", "-i", url, "-map", "0", "-t", "5", "-f", "null", "-"],
      15_000,
    );
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    const streams = await runTool(
      [
        "ffprobe",
        "-v",
        "error",
        "-show_entries",
        "stream=codec_name,profile,width,height",
        "-of",
        "csv=p=0",
        url,
      ],
      15_000,
    );
    expect(streams.stdout).toContain("h264,Constrained Baseline,426,240");
    expect(streams.stdout).toContain("aac,LC");
  }, 20_000);

  test("ffprobe sees monotonic timestamps across the loop's seam", async () => {
    // ffmpeg starts three segments before the live edge. With the clock stopped where that
    // segment is the clip's last (sequence 3 mod 4), 5 s of packets run through the seam into
    // the next pass of the loop.
    const seamNow = 2000 * (4 * 225_000_000 + 2) + 500;
    const seamServer = serveDemoOrigin({ now: () => seamNow });
    try {
      const url = new URL("hls/neve-bars/index.m3u8", seamServer.url).href;
      const playlist = await (await fetch(url)).text();
      const start = Number(segmentsOf(playlist).at(-3)?.replace(".ts", ""));
      expect(start % 4).toBe(3);
      const { run, packets } = await probePackets(url, 5, 15_000);
      expect(run.exitCode).toBe(0);
      expect(transportErrors(run.stderr)).toEqual([]);
      expect(packets.filter((packet) => packet.stream === 0).length).toBeGreaterThanOrEqual(5 * 25 - 1);
      expect(backwardSteps(packets)).toEqual([]);
    } finally {
      await seamServer.stop();
    }
  }, 20_000);
});
