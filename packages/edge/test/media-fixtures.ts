/**
 * Real media for ffprobe tests, made at test time by ffmpeg into a temp dir (nothing large is
 * committed): a 4 s H.264/AAC MPEG-TS file, the same as a VOD HLS playlist with 1 s segments, and
 * as an MP4 with its index (moov) at the end, which a reader can only reach by seeking.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface MediaFixtures {
  dir: string;
  tsFile: string;
  hlsDir: string;
  mp4File: string;
  remove(): Promise<void>;
}

const INPUTS = [
  ["-f", "lavfi", "-i", "testsrc=size=320x180:rate=25"],
  ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"],
].flat();
const CODECS = [
  "-t",
  "4",
  "-c:v",
  "libx264",
  "-preset",
  "ultrafast",
  "-g",
  "25",
  "-c:a",
  "aac",
  "-b:a",
  "64k",
];

async function ffmpeg(args: string[]): Promise<void> {
  const child = Bun.spawn(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", ...args], {
    stdout: "ignore",
    stderr: "pipe",
    timeout: 30_000,
  });
  const code = await child.exited;
  if (code !== 0) throw new Error(`ffmpeg failed (${code}): ${await new Response(child.stderr).text()}`);
}

export async function makeMediaFixtures(): Promise<MediaFixtures> {
  const dir = await mkdtemp(join(tmpdir(), "edge-media-"));
  const tsFile = join(dir, "channel.ts");
  const hlsDir = join(dir, "hls");
  const mp4File = join(dir, "movie.mp4");
  await Bun.write(join(hlsDir, ".keep"), "");
  await Promise.all([
    ffmpeg([...INPUTS, ...CODECS, "-f", "mpegts", tsFile]),
    ffmpeg([...INPUTS, ...CODECS, "-f", "mp4", mp4File]),
    ffmpeg([
      ...INPUTS,
      ...CODECS,
      "-f",
      "hls",
      "-hls_time",
      "1",
      "-hls_playlist_type",
      "vod",
      "-hls_segment_filename",
      join(hlsDir, "seg%03d.ts"),
      join(hlsDir, "index.m3u8"),
    ]),
  ]);
  return { dir, tsFile, hlsDir, mp4File, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** `Range` on a file, answered the way file origins do (sized bodies, so with Content-Length). */
function fileRange(path: string, range: string | null): Response {
  const file = Bun.file(path);
  const headers = { "content-type": "video/mp4", "accept-ranges": "bytes" };
  const match = range === null ? null : /^bytes=(\d+)-(\d*)$/.exec(range);
  if (match === null) return new Response(file, { headers });
  const start = Number(match[1]);
  const end = Math.min(file.size, match[2] === "" ? file.size : Number(match[2]) + 1);
  if (start >= file.size) {
    return new Response(null, { status: 416, headers: { "content-range": `bytes */${file.size}` } });
  }
  return new Response(file.slice(start, end), {
    status: 206,
    headers: { ...headers, "content-range": `bytes ${start}-${end - 1}/${file.size}` },
  });
}

/**
 * Serves the TS file as an endless live channel (looped, paced), the HLS dir as static files and
 * the MP4 with byte ranges.
 */
export async function startMediaOrigin(fixtures: MediaFixtures, bitrateBps = 4_000_000) {
  const ts = new Uint8Array(await Bun.file(fixtures.tsFile).arrayBuffer());
  const hlsFiles = new Set(await readdir(fixtures.hlsDir));
  const chunk = 188 * 70;
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 0,
    fetch(request) {
      const path = new URL(request.url).pathname;
      if (path === "/live/channel.ts") {
        let at = 0;
        const startedAt = performance.now();
        let sent = 0;
        const body = new ReadableStream<Uint8Array>(
          {
            async pull(controller) {
              while (sent > ((performance.now() - startedAt) * bitrateBps) / 8000) await Bun.sleep(5);
              const end = Math.min(ts.length, at + chunk);
              controller.enqueue(ts.subarray(at, end));
              sent += end - at;
              at = end >= ts.length ? 0 : end;
            },
          },
          { highWaterMark: 0 },
        );
        return new Response(body, { headers: { "content-type": "video/mp2t" } });
      }
      if (path === "/vod/movie.mp4") return fileRange(fixtures.mp4File, request.headers.get("range"));
      const name = path.replace(/^\/hls\//, "");
      if (path.startsWith("/hls/") && hlsFiles.has(name))
        return new Response(Bun.file(join(fixtures.hlsDir, name)));
      return new Response("not found", { status: 404 });
    },
  });
  return {
    liveUrl: `http://127.0.0.1:${server.port}/live/channel.ts`,
    hlsUrl: `http://127.0.0.1:${server.port}/hls/index.m3u8`,
    mp4Url: `http://127.0.0.1:${server.port}/vod/movie.mp4`,
    stop: () => server.stop(true),
  };
}

export interface ProbeResult {
  streams: { codec_type: string; codec_name: string }[];
  format?: { format_name: string; duration?: string };
}

/** Runs ffprobe against a URL and returns its JSON, or throws with ffprobe's stderr. */
export async function ffprobe(url: string): Promise<ProbeResult> {
  const child = Bun.spawn(
    [
      "ffprobe",
      "-v",
      "error",
      "-analyzeduration",
      "2000000",
      "-probesize",
      "1000000",
      "-show_entries",
      "stream=codec_type,codec_name:format=format_name,duration",
      "-of",
      "json",
      url,
    ],
    { stdout: "pipe", stderr: "pipe", timeout: 20_000 },
  );
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (code !== 0) throw new Error(`ffprobe failed (${code}): ${err}`);
  return JSON.parse(out) as ProbeResult;
}
