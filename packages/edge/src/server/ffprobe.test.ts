import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Harness, startEdge } from "../../test/edge-harness.ts";
import {
  ffprobe,
  type MediaFixtures,
  makeMediaFixtures,
  startMediaOrigin,
} from "../../test/media-fixtures.ts";

let fixtures: MediaFixtures;
let origin: Awaited<ReturnType<typeof startMediaOrigin>>;
let h: Harness;

beforeAll(async () => {
  fixtures = await makeMediaFixtures();
  origin = await startMediaOrigin(fixtures);
  h = await startEdge();
  h.sources.set("live/500", [{ id: "m1", url: origin.liveUrl, format: "ts", accountId: null }]);
  h.sources.set("vod/600", [{ id: "m2", url: origin.hlsUrl, format: "hls", accountId: null }]);
  h.sources.set("vod/700", [{ id: "m3", url: origin.mp4Url, format: "file", accountId: null }]);
});

afterAll(async () => {
  await h.stop();
  await origin.stop();
  await fixtures.remove();
});

describe("ffprobe through the edge", () => {
  test("reads H.264 and AAC from a live TS channel", async () => {
    const probe = await ffprobe(`${h.base}/live/500.ts?token=${await h.token("500", "live", "ts")}`);
    expect(probe.format?.format_name).toBe("mpegts");
    const codecs = probe.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort();
    expect(codecs).toEqual(["audio:aac", "video:h264"]);
  }, 25_000);

  test("reads an HLS stream through the session-bound playlist and segments", async () => {
    const probe = await ffprobe(`${h.base}/hls/600/index.m3u8?token=${await h.token("600", "vod", "hls")}`);
    expect(probe.format?.format_name).toBe("hls");
    const codecs = probe.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort();
    expect(codecs).toEqual(["audio:aac", "video:h264"]);
    expect(Number(probe.format?.duration)).toBeGreaterThan(3.5);
    expect(h.edge.stats().hls.segmentFetches).toBeGreaterThan(0);
  }, 25_000);

  test("reads an MP4 film whose index is at the end, seeking through byte ranges", async () => {
    const probe = await ffprobe(`${h.base}/vod/vod/700.mp4?token=${await h.token("700", "vod", "file")}`);
    expect(probe.format?.format_name).toContain("mp4");
    const codecs = probe.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort();
    expect(codecs).toEqual(["audio:aac", "video:h264"]);
    expect(Number(probe.format?.duration)).toBeGreaterThan(3.5);
  }, 25_000);
});
