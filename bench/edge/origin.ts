/**
 * The benchmark origin, in its own process: a large file (one reused 1 MiB block, so the origin
 * costs little), paced live MPEG-TS channels cut from one prebuilt buffer (no per-viewer
 * allocation), and HLS playlists whose segments answer after an upstream-like delay.
 * Prints `{"url": …}` when ready; `GET /stats` reports what it has served.
 */

const BLOCK = new Uint8Array(1024 * 1024).map((_, i) => (i * 131) & 0xff);
const SEGMENT = new Uint8Array(1024 * 1024).map((_, i) => (i * 7) & 0xff);
const SEGMENT_DELAY_MS = 100;

function buildTs(packets: number): Uint8Array {
  const out = new Uint8Array(packets * 188);
  for (let n = 0; n < packets; n += 1) {
    const at = n * 188;
    const pat = n % 20 === 0;
    const key = n % 200 === 1;
    const pid = pat ? 0 : 0x100;
    out[at] = 0x47;
    out[at + 1] = (pat ? 0x40 : 0) | ((pid >> 8) & 0x1f);
    out[at + 2] = pid & 0xff;
    out[at + 3] = (key ? 0x30 : 0x10) | (n & 0x0f);
    if (key) {
      out[at + 4] = 1;
      out[at + 5] = 0x40;
    }
  }
  return out;
}

// 2000 packets (~376 KB) loop; each write is a view into it, never a copy.
const TS = buildTs(2000);
const TS_WRITE = 188 * 56; // ~10.5 KB, about 20 ms at 4 Mbit/s

const liveConnections = new Map<string, number>();
const liveActive = new Map<string, number>();
const fetches = new Map<string, number>();

function liveStream(id: string, bitrateBps: number): ReadableStream<Uint8Array> {
  const startedAt = performance.now();
  let sent = 0;
  let at = 0;
  let open = true;
  liveActive.set(id, (liveActive.get(id) ?? 0) + 1);
  const close = (): void => {
    if (!open) return;
    open = false;
    liveActive.set(id, (liveActive.get(id) ?? 1) - 1);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const owed = ((performance.now() - startedAt) * bitrateBps) / 8000 - sent;
        if (owed < TS_WRITE) await Bun.sleep(Math.ceil(((TS_WRITE - owed) * 8000) / bitrateBps));
        if (!open) return;
        const end = at + TS_WRITE;
        controller.enqueue(TS.subarray(at, end));
        sent += TS_WRITE;
        at = end >= TS.length ? 0 : end;
      },
      cancel: close,
    },
    { highWaterMark: 0 },
  );
}

function fileStream(bytes: number): ReadableStream<Uint8Array> {
  let left = bytes;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (left <= 0) {
          controller.close();
          return;
        }
        const take = Math.min(left, BLOCK.length);
        controller.enqueue(take === BLOCK.length ? BLOCK : BLOCK.subarray(0, take));
        left -= take;
      },
    },
    { highWaterMark: 0 },
  );
}

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  idleTimeout: 0,
  async fetch(request) {
    const url = new URL(request.url);
    const path = url.pathname;
    fetches.set(path, (fetches.get(path) ?? 0) + 1);
    const file = /^\/file\/(\d+)$/.exec(path);
    if (file?.[1] !== undefined) {
      return new Response(fileStream(Number(file[1])), {
        headers: { "content-type": "application/octet-stream" },
      });
    }
    const live = /^\/live\/([\w-]+)\.ts$/.exec(path);
    if (live?.[1] !== undefined) {
      liveConnections.set(live[1], (liveConnections.get(live[1]) ?? 0) + 1);
      const bitrate = Number(url.searchParams.get("bps") ?? 4_000_000);
      return new Response(liveStream(live[1], bitrate), { headers: { "content-type": "video/mp2t" } });
    }
    const playlist = /^\/hls\/([\w-]+)\/index\.m3u8$/.exec(path);
    if (playlist !== null) {
      const body = [
        "#EXTM3U",
        "#EXT-X-TARGETDURATION:2",
        "#EXT-X-MEDIA-SEQUENCE:1",
        "#EXTINF:2.0,",
        "seg.ts",
        "",
      ].join("\n");
      return new Response(body, { headers: { "content-type": "application/vnd.apple.mpegurl" } });
    }
    if (/^\/hls\/[\w-]+\/seg\.ts$/.test(path)) {
      await Bun.sleep(SEGMENT_DELAY_MS);
      return new Response(SEGMENT, { headers: { "content-type": "video/mp2t" } });
    }
    if (path === "/stats") {
      return Response.json({
        liveConnections: Object.fromEntries(liveConnections),
        liveActive: Object.fromEntries(liveActive),
        fetches: Object.fromEntries(fetches),
      });
    }
    return new Response("not found", { status: 404 });
  },
});

process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.port}` })}\n`);
