import { describe, expect, test } from "bun:test";
import { isMasterPlaylist, type ResourceKind, rewritePlaylist } from "./playlist-rewrite.ts";

const mapper = (url: string, kind: ResourceKind) => `/edge/${kind}?u=${encodeURIComponent(url)}`;
const through = (url: string, kind: ResourceKind) => mapper(url, kind);

describe("playlist rewrite", () => {
  test("rewrites relative, root-relative and absolute segment URIs against the playlist URL", () => {
    const text = [
      "#EXTM3U",
      "#EXT-X-TARGETDURATION:4",
      "#EXTINF:4.0,",
      "seg1.ts",
      "#EXTINF:4.0,",
      "../other/seg2.ts?x=1",
      "#EXTINF:4.0,",
      "/abs/seg3.ts",
      "#EXTINF:4.0,",
      "https://cdn.example/seg4.ts",
    ].join("\n");
    const out = rewritePlaylist(text, "http://origin.test/live/ch/index.m3u8?token=a", mapper).split("\n");
    expect(out[3]).toBe(through("http://origin.test/live/ch/seg1.ts", "segment"));
    expect(out[5]).toBe(through("http://origin.test/live/other/seg2.ts?x=1", "segment"));
    expect(out[7]).toBe(through("http://origin.test/abs/seg3.ts", "segment"));
    expect(out[9]).toBe(through("https://cdn.example/seg4.ts", "segment"));
    expect(out.slice(0, 3)).toEqual(["#EXTM3U", "#EXT-X-TARGETDURATION:4", "#EXTINF:4.0,"]);
  });

  test("rewrites EXT-X-KEY and EXT-X-MAP URIs and keeps their other attributes", () => {
    const text = [
      "#EXTM3U",
      '#EXT-X-KEY:METHOD=AES-128,URI="keys/k1.bin",IV=0x0123456789abcdef0123456789abcdef',
      '#EXT-X-MAP:URI="init.mp4",BYTERANGE="720@0"',
      "#EXTINF:4,",
      "s1.m4s",
    ].join("\r\n");
    const out = rewritePlaylist(text, "http://o.test/a/b.m3u8", mapper).split("\n");
    expect(out[1]).toBe(
      `#EXT-X-KEY:METHOD=AES-128,URI="${through("http://o.test/a/keys/k1.bin", "key")}",IV=0x0123456789abcdef0123456789abcdef`,
    );
    expect(out[2]).toBe(`#EXT-X-MAP:URI="${through("http://o.test/a/init.mp4", "map")}",BYTERANGE="720@0"`);
    expect(out[4]).toBe(through("http://o.test/a/s1.m4s", "segment"));
  });

  test("leaves non-http key URIs and METHOD=NONE alone", () => {
    const text = [
      '#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://key-id",KEYFORMAT="com.apple.streamingkeydelivery"',
      "#EXT-X-KEY:METHOD=NONE",
    ].join("\n");
    expect(rewritePlaylist(text, "http://o.test/x.m3u8", mapper)).toBe(text);
  });

  test("rewrites master playlists: variants, renditions and I-frame playlists are playlists", () => {
    const text = [
      "#EXTM3U",
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="en",URI="audio/en.m3u8"',
      '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,AUDIO="aud"',
      "low/index.m3u8",
      "#EXT-X-STREAM-INF:BANDWIDTH=2000000",
      "http://other.test/high.m3u8",
      '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI="iframes.m3u8"',
    ].join("\n");
    expect(isMasterPlaylist(text)).toBe(true);
    const out = rewritePlaylist(text, "http://o.test/m/master.m3u8", mapper).split("\n");
    expect(out[1]).toContain(`URI="${through("http://o.test/m/audio/en.m3u8", "playlist")}"`);
    expect(out[1]).toStartWith('#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="en",');
    expect(out[3]).toBe(through("http://o.test/m/low/index.m3u8", "playlist"));
    expect(out[5]).toBe(through("http://other.test/high.m3u8", "playlist"));
    expect(out[6]).toBe(
      `#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI="${through("http://o.test/m/iframes.m3u8", "playlist")}"`,
    );
  });

  test("rewrites low-latency parts and preload hints as segments", () => {
    const text = ['#EXT-X-PART:DURATION=0.5,URI="p1.mp4"', '#EXT-X-PRELOAD-HINT:TYPE=PART,URI="p2.mp4"'].join(
      "\n",
    );
    const out = rewritePlaylist(text, "http://o.test/ll/x.m3u8", mapper).split("\n");
    expect(out[0]).toBe(`#EXT-X-PART:DURATION=0.5,URI="${through("http://o.test/ll/p1.mp4", "segment")}"`);
    expect(out[1]).toBe(
      `#EXT-X-PRELOAD-HINT:TYPE=PART,URI="${through("http://o.test/ll/p2.mp4", "segment")}"`,
    );
  });
});
