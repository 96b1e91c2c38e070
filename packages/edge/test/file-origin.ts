/**
 * A byte-range file origin for tests and benchmarks. The file is virtual: byte i is a function of
 * i, generated as it streams, so gigabyte files cost no memory on the origin side. It answers with
 * `Content-Length`, as real file origins do, so it is served over `node:http` (Bun.serve drops the
 * header from streamed bodies).
 */
import { silentLogger } from "../src/logger.ts";
import { serveNodeHttp } from "../src/server/adapter/serve-node-http.ts";

export function fileByte(index: number): number {
  return (index * 131 + (index >>> 11)) & 0xff;
}

export function fileSlice(start: number, end: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(end - start);
  for (let i = 0; i < out.length; i += 1) out[i] = fileByte(start + i);
  return out;
}

export interface FileOrigin {
  url: string;
  /** Requests seen, with their Range header. */
  requests: (string | null)[];
  /** Status to answer with instead of the file (e.g. 500), to exercise failover. */
  failWith: number | undefined;
  /** Body bytes handed to the socket so far, across all requests (shows back-pressure). */
  sent: number;
  kill(): Promise<void>;
}

const BLOCK = 256 * 1024;

function body(start: number, end: number, origin: FileOrigin): ReadableStream<Uint8Array> {
  let at = start;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (at >= end) {
          controller.close();
          return;
        }
        const next = Math.min(end, at + BLOCK);
        // Blocks are aligned to BLOCK so one precomputed block pattern could serve; keep it simple.
        controller.enqueue(fileSlice(at, next));
        origin.sent += next - at;
        at = next;
      },
    },
    { highWaterMark: 0 },
  );
}

export async function startFileOrigin(size: number, contentType = "video/mp4"): Promise<FileOrigin> {
  const origin: FileOrigin = { url: "", requests: [], failWith: undefined, sent: 0, kill: async () => {} };
  const options = { hostname: "127.0.0.1", port: 0, idleTimeoutSec: 0, logger: silentLogger };
  const server = await serveNodeHttp(options, async (request) => {
    const range = request.headers.get("range");
    origin.requests.push(range);
    if (origin.failWith !== undefined) return new Response("nope", { status: origin.failWith });
    const common = { "content-type": contentType, "accept-ranges": "bytes", etag: '"v1"' };
    const head = request.method === "HEAD";
    if (range === null) {
      return new Response(head ? null : body(0, size, origin), {
        headers: { ...common, "content-length": String(size) },
      });
    }
    const match = /^bytes=(\d*)-(\d*)$/.exec(range);
    let start = match?.[1] === "" ? size - Number(match?.[2]) : Number(match?.[1]);
    let end = match?.[1] !== "" && match?.[2] !== "" ? Number(match?.[2]) + 1 : size;
    if (match === null || start >= size || start < 0) {
      return new Response(null, { status: 416, headers: { "content-range": `bytes */${size}` } });
    }
    start = Math.max(0, start);
    end = Math.min(end, size);
    return new Response(head ? null : body(start, end, origin), {
      status: 206,
      headers: {
        ...common,
        "content-length": String(end - start),
        "content-range": `bytes ${start}-${end - 1}/${size}`,
      },
    });
  });
  origin.url = `http://127.0.0.1:${server.port}/movie.mp4`;
  origin.kill = async () => {
    await server.stop();
  };
  return origin;
}
