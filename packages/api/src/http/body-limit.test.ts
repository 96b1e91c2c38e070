/**
 * Body limits on the real server, as `serve` starts it (Bun's own options included): every body
 * over the limit, however large and however framed, gets the 413 problem and a connection that
 * ends cleanly, never a reset.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { connect } from "node:net";
import { type Running, serve } from "../boot.ts";
import { createTestContext } from "../testing/context.ts";

const MIB = 1024 * 1024;
const LIMIT = MIB;
let running: Running;

beforeAll(async () => {
  const ctx = await createTestContext({ PORT: "0", BODY_LIMIT_BYTES: String(LIMIT) });
  running = await serve(ctx, async () => null);
});
afterAll(() => running.stop());

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** A socket error seen before the answer was read in full (a reset, a broken pipe). */
  error: string | undefined;
}

/**
 * What a plain HTTP/1.1 client meets: it writes the whole body (declared or chunked) as fast as
 * the server takes it, whatever the server answers meanwhile, and then reads the answer.
 */
function postRaw(size: number, framing: "length" | "chunked"): Promise<RawAnswer> {
  const port = running.server.port;
  return new Promise((resolve) => {
    const socket = connect(port ?? 0, "127.0.0.1");
    let received = Buffer.alloc(0);
    let error: string | undefined;
    let settled = false;
    const parse = (): RawAnswer | undefined => {
      const end = received.indexOf("\r\n\r\n");
      if (end < 0) return undefined;
      const [statusLine = "", ...lines] = received.subarray(0, end).toString("latin1").split("\r\n");
      const headers = Object.fromEntries(
        lines.map((line) => {
          const at = line.indexOf(":");
          return [line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()];
        }),
      );
      const length = Number(headers["content-length"] ?? 0);
      const body = received.subarray(end + 4);
      if (body.length < length) return undefined;
      return {
        status: Number(statusLine.split(" ")[1]),
        headers,
        body: body.subarray(0, length).toString("utf8"),
        error,
      };
    };
    const settle = (answer: RawAnswer) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(answer);
    };
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
    });
    socket.on("error", (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message;
    });
    socket.on("close", () =>
      settle(parse() ?? { status: 0, headers: {}, body: "", error: error ?? "closed" }),
    );
    const framingHeader = framing === "length" ? `Content-Length: ${size}` : "Transfer-Encoding: chunked";
    socket.write(
      `POST /v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${framingHeader}\r\n\r\n`,
    );
    const piece = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        const n = Math.min(piece.length, size - sent);
        sent += n;
        const data =
          framing === "length"
            ? piece.subarray(0, n)
            : Buffer.concat([
                Buffer.from(`${n.toString(16)}\r\n`),
                piece.subarray(0, n),
                Buffer.from("\r\n"),
              ]);
        if (!socket.write(data)) {
          socket.once("drain", pump);
          return;
        }
      }
      if (framing === "chunked") socket.write("0\r\n\r\n");
      // The whole request is out: read the answer, then hang up as a client done with it does.
      const waitForAnswer = setInterval(() => {
        const answer = parse();
        if (answer) {
          clearInterval(waitForAnswer);
          settle(answer);
        }
      }, 5);
    };
    pump();
  });
}

const SIZES = [
  ["4 MiB + 1", 4 * MIB + 1],
  ["6 MiB", 6 * MIB],
  ["64 MiB", 64 * MIB],
] as const;

describe("a body over the limit on the real server", () => {
  for (const [name, size] of SIZES) {
    for (const framing of ["length", "chunked"] as const) {
      test(`of ${name} with ${framing === "length" ? "Content-Length" : "chunked framing"} gets the 413 problem, not a reset`, async () => {
        const answer = await postRaw(size, framing);
        expect(answer.error).toBeUndefined();
        expect(answer.status).toBe(413);
        expect(answer.headers["content-type"]).toBe("application/problem+json");
        expect(JSON.parse(answer.body)).toMatchObject({
          code: "payload_too_large",
          status: 413,
          limit: LIMIT,
        });
      }, 20_000);
    }
  }

  test("sent by fetch, declared or streamed, gets the 413 problem", async () => {
    for (const [, size] of SIZES) {
      const bytes = new Uint8Array(size).fill(0x61);
      const bodies = [
        bytes,
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (let at = 0; at < size; at += 256 * 1024)
              controller.enqueue(bytes.subarray(at, at + 256 * 1024));
            controller.close();
          },
        }),
      ];
      for (const body of bodies) {
        const response = await fetch(`${running.url}/v1/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
          duplex: "half",
        } as RequestInit);
        expect(response.status).toBe(413);
        expect(response.headers.get("content-type")).toBe("application/problem+json");
        expect(((await response.json()) as { code: string }).code).toBe("payload_too_large");
      }
    }
  }, 30_000);

  test("leaves the connection usable: the next request on it is answered", async () => {
    const answers = await new Promise<string>((resolve, reject) => {
      const socket = connect(running.server.port ?? 0, "127.0.0.1");
      let text = "";
      socket.on("data", (chunk: Buffer) => {
        text += chunk.toString("latin1");
        if (text.includes('"status":"ok"')) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on("error", reject);
      const size = 6 * MIB;
      socket.write(`POST /v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${size}\r\n\r\n`);
      socket.write(Buffer.alloc(size, 0x61));
      socket.write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    });
    expect(answers).toStartWith("HTTP/1.1 413");
    expect(answers).toContain("HTTP/1.1 200");
  }, 20_000);
});
