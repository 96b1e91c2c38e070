/**
 * A synthetic HLS origin for tests and benchmarks: a master playlist, a sliding live media
 * playlist with relative, absolute and root-relative URIs, an AES key and an init section.
 * Segment bodies are deterministic, so what a viewer receives can be checked byte for byte.
 */

export interface HlsOrigin {
  base: string;
  /** Fetches seen per path (query string excluded). */
  hits: Map<string, number>;
  /** Delay before each segment response, to make concurrent requests overlap. */
  segmentDelayMs: number;
  /** Media sequence of the first segment in the live window; bump it to slide the window. */
  sequence: number;
  /** When set, segments go out in `count` pieces `intervalMs` apart (a slow upstream). */
  segmentPieces: { count: number; intervalMs: number } | undefined;
  /** When set, a paced segment breaks off (connection reset) after this many pieces. */
  segmentFailAfter: number | undefined;
  /** `performance.now()` when each paced segment's last piece went out. */
  segmentFinishedAt: Map<string, number>;
  kill(): Promise<void>;
}

export function segmentBytes(name: string, size = 64 * 1024): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let seed = 0;
  for (const char of name) seed = (seed * 31 + char.charCodeAt(0)) >>> 0;
  for (let i = 0; i < size; i += 1) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    out[i] = seed >>> 24;
  }
  return out;
}

export const KEY_BYTES = segmentBytes("key", 16);
export const INIT_BYTES = segmentBytes("init", 720);

function livePlaylist(origin: HlsOrigin): string {
  const lines = [
    "#EXTM3U",
    "#EXT-X-VERSION:7",
    "#EXT-X-TARGETDURATION:2",
    `#EXT-X-MEDIA-SEQUENCE:${origin.sequence}`,
  ];
  lines.push('#EXT-X-KEY:METHOD=AES-128,URI="../keys/k1.bin?sig=abc",IV=0x00000000000000000000000000000001');
  lines.push('#EXT-X-MAP:URI="init.mp4"');
  for (let n = origin.sequence; n < origin.sequence + 4; n += 1) {
    lines.push("#EXTINF:2.000,");
    // Mix relative, root-relative and absolute URIs, with upstream auth in the query.
    if (n % 3 === 0) lines.push(`seg${n}.ts?auth=xyz`);
    else if (n % 3 === 1) lines.push(`/live/ch1/seg${n}.ts?auth=xyz`);
    else lines.push(`${origin.base}/live/ch1/seg${n}.ts?auth=xyz`);
  }
  return `${lines.join("\n")}\n`;
}

const MASTER = [
  "#EXTM3U",
  '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="en",DEFAULT=YES,URI="ch1/audio.m3u8"',
  '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,AUDIO="aud"',
  "ch1/index.m3u8",
  "",
].join("\n");

function pacedBody(
  origin: HlsOrigin,
  path: string,
  bytes: Uint8Array<ArrayBuffer>,
  pieces: { count: number; intervalMs: number },
): ReadableStream<Uint8Array> {
  const size = Math.ceil(bytes.length / pieces.count);
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (sent > 0) await Bun.sleep(pieces.intervalMs);
        if (sent === origin.segmentFailAfter) {
          controller.error(new Error("origin broke off"));
          return;
        }
        controller.enqueue(bytes.slice(sent * size, (sent + 1) * size));
        sent += 1;
        if (sent === pieces.count) {
          origin.segmentFinishedAt.set(path, performance.now());
          controller.close();
        }
      },
    },
    { highWaterMark: 0 },
  );
}

export function startHlsOrigin(): HlsOrigin {
  const origin: HlsOrigin = {
    base: "",
    hits: new Map(),
    segmentDelayMs: 0,
    sequence: 100,
    segmentPieces: undefined,
    segmentFailAfter: undefined,
    segmentFinishedAt: new Map(),
    kill: async () => {},
  };
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      const path = new URL(request.url).pathname;
      origin.hits.set(path, (origin.hits.get(path) ?? 0) + 1);
      const m3u8 = { "content-type": "application/vnd.apple.mpegurl" };
      if (path === "/live/master.m3u8") return new Response(MASTER, { headers: m3u8 });
      if (path === "/live/ch1/index.m3u8" || path === "/live/ch1/audio.m3u8") {
        return new Response(livePlaylist(origin), { headers: m3u8 });
      }
      if (path === "/live/keys/k1.bin") return new Response(KEY_BYTES);
      if (path === "/live/ch1/init.mp4")
        return new Response(INIT_BYTES, { headers: { "content-type": "video/mp4" } });
      const segment = /^\/live\/ch1\/(seg\d+\.ts)$/.exec(path);
      if (segment?.[1] !== undefined) {
        if (origin.segmentDelayMs > 0) await Bun.sleep(origin.segmentDelayMs);
        const headers = { "content-type": "video/mp2t" };
        const bytes = segmentBytes(segment[1]);
        if (origin.segmentPieces === undefined) return new Response(bytes, { headers });
        return new Response(pacedBody(origin, path, bytes, origin.segmentPieces), { headers });
      }
      return new Response("not found", { status: 404 });
    },
  });
  origin.base = `http://127.0.0.1:${server.port}`;
  origin.kill = async () => {
    await server.stop(true);
  };
  return origin;
}
