import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Server, Socket, TCPSocketListener } from "bun";
import { startTlsEcho, type TlsEcho } from "../../test/test-certificate.ts";
import { http1Transport, UpstreamProtocolError } from "./http1-transport.ts";

const fetchRaw = http1Transport();

/** Bytes whose value depends on their offset, so a reordered, reused or lost chunk shows. */
function pattern(from: number, length: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = ((from + i) * 31 + ((from + i) >> 11)) & 0xff;
  return out;
}

let server: Server<unknown>;
let base = "";
beforeAll(() => {
  server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 0,
    fetch(request) {
      const { pathname } = new URL(request.url);
      if (pathname === "/echo")
        return Response.json({
          host: request.headers.get("host"),
          range: request.headers.get("range"),
          encoding: request.headers.get("accept-encoding"),
          connection: request.headers.get("connection"),
          method: request.method,
        });
      if (pathname === "/stream") {
        // 8 MiB in uneven pieces, sent chunked (Bun.serve streams without a length).
        let sent = 0;
        const total = 8 * 1024 * 1024;
        return new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              const size = Math.min(total - sent, 70_001 + (sent % 7919));
              controller.enqueue(pattern(sent, size));
              sent += size;
              if (sent >= total) controller.close();
            },
          }),
        );
      }
      if (pathname === "/file") {
        const whole = pattern(0, 100_000);
        const range = /^bytes=(\d+)-(\d+)$/.exec(request.headers.get("range") ?? "");
        if (!range) return new Response(whole, { headers: { "content-type": "video/mp4" } });
        const [from, to] = [Number(range[1]), Number(range[2])];
        return new Response(whole.subarray(from, to + 1), {
          status: 206,
          headers: { "content-range": `bytes ${from}-${to}/100000`, "content-type": "video/mp4" },
        });
      }
      return new Response("nope", { status: 404 });
    },
  });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.stop(true));

/** A server that answers every request with `answer` (raw bytes), then ends or keeps the socket. */
async function rawServer(
  answer: (socket: Socket<undefined>) => void,
): Promise<{ url: string; closed: Promise<void>; stop(): void }> {
  const closed = Promise.withResolvers<void>();
  const listener: TCPSocketListener<undefined> = Bun.listen({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      data(socket, data) {
        if (Buffer.from(data).includes("\r\n\r\n")) answer(socket);
      },
      close: () => closed.resolve(),
    },
  });
  return {
    url: `http://127.0.0.1:${listener.port}`,
    closed: closed.promise,
    stop: () => listener.stop(true),
  };
}

async function bytesOf(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

describe("http1Transport", () => {
  test("reads a chunked body of uneven pieces byte for byte", async () => {
    const response = await fetchRaw(`${base}/stream`);
    expect(response.status).toBe(200);
    const body = await bytesOf(response);
    expect(body.length).toBe(8 * 1024 * 1024);
    expect(Bun.hash(body)).toBe(Bun.hash(pattern(0, 8 * 1024 * 1024)));
  });

  test("sends the Host, Range and identity encoding it is given, and asks to keep the connection", async () => {
    const response = await fetchRaw(`${base}/echo`, {
      headers: { host: "cdn.example", range: "bytes=0-9", "accept-encoding": "gzip" },
    });
    expect(await response.json()).toEqual({
      host: "cdn.example",
      range: "bytes=0-9",
      encoding: "identity",
      connection: "keep-alive",
      method: "GET",
    });
  });

  test("passes a byte range through: 206, Content-Range and Content-Length, exact bytes", async () => {
    const response = await fetchRaw(`${base}/file`, { headers: { range: "bytes=1000-1999" } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe("bytes 1000-1999/100000");
    expect(response.headers.get("content-length")).toBe("1000");
    expect(await bytesOf(response)).toEqual(pattern(1000, 1000));
  });

  test("HEAD and 204 answers have no body, whatever length they announce", async () => {
    const head = await fetchRaw(`${base}/file`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("100000");
    expect(head.body).toBeNull();
    const raw = await rawServer((s) => s.write("HTTP/1.1 204 No Content\r\ncontent-length: 5\r\n\r\n"));
    try {
      const none = await fetchRaw(raw.url);
      expect(none.status).toBe(204);
      expect(none.body).toBeNull();
    } finally {
      raw.stop();
    }
  });

  test("reads past chunk extensions, trailers and 1xx answers; keeps the final status text", async () => {
    const raw = await rawServer((s) => {
      s.write(
        "HTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\nHTTP/1.1 200 Fine\r\ntransfer-encoding: chunked\r\n\r\n",
      );
      s.write("5;name=value\r\nhello\r\n6\r\n wor");
      s.write("ld\r\n0\r\nx-trailer: 1\r\n\r\n");
    });
    try {
      const response = await fetchRaw(raw.url);
      expect(response.status).toBe(200);
      expect(response.statusText).toBe("Fine");
      expect(await response.text()).toBe("hello world");
    } finally {
      raw.stop();
    }
  });

  test("a body without length or chunking ends with the connection", async () => {
    const raw = await rawServer((s) => {
      s.write("HTTP/1.1 200 OK\r\ncontent-type: video/mp4\r\n\r\nall of ");
      setTimeout(() => s.end("it"), 20);
    });
    try {
      expect(await (await fetchRaw(raw.url)).text()).toBe("all of it");
    } finally {
      raw.stop();
    }
  });

  test("a body cut short errors the stream instead of looking complete", async () => {
    const short = await rawServer((s) =>
      s.end("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nonly forty bytes, not the hundred promised"),
    );
    const unfinished = await rawServer((s) =>
      s.end("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n"),
    );
    try {
      for (const url of [short.url, unfinished.url]) {
        const response = await fetchRaw(url);
        expect(response.status).toBe(200);
        await expect(response.text()).rejects.toBeInstanceOf(UpstreamProtocolError);
      }
    } finally {
      short.stop();
      unfinished.stop();
    }
  });

  test("refuses what is not an HTTP/1.1 answer", async () => {
    const cases = [
      "SSH-2.0-OpenSSH_9.2\r\n\r\n",
      "HTTP/1.1 200 OK\r\nbad header line\r\n\r\n",
      "HTTP/1.1 200 OK\r\ncontent-length: 5, 6\r\n\r\nhello",
      "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n",
      `HTTP/1.1 200 OK\r\nx-big: ${"a".repeat(70_000)}\r\n\r\n`,
    ];
    for (const answer of cases) {
      const raw = await rawServer((s) => s.end(answer));
      try {
        const outcome = fetchRaw(raw.url).then((r) => r.arrayBuffer());
        await expect(outcome).rejects.toBeInstanceOf(UpstreamProtocolError);
      } finally {
        raw.stop();
      }
    }
  });

  test("a connection refused rejects like fetch, with a TypeError", async () => {
    const raw = await rawServer(() => {});
    const url = raw.url;
    raw.stop();
    await expect(fetchRaw(`${url}/x`)).rejects.toBeInstanceOf(TypeError);
  });

  test("the signal aborts the wait for headers and closes the connection", async () => {
    const raw = await rawServer(() => {}); // never answers
    try {
      const started = Date.now();
      const outcome = fetchRaw(raw.url, { signal: AbortSignal.timeout(150) });
      await expect(outcome).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2000);
      await raw.closed;
    } finally {
      raw.stop();
    }
  });

  test("stops reading while the reader does not read, and closes upstream when it cancels", async () => {
    let written = 0;
    const block = new Uint8Array(64 * 1024).fill(7);
    const raw = await rawServer((s) => {
      s.write("HTTP/1.1 200 OK\r\ncontent-type: video/mp4\r\n\r\n");
      const fill = (): void => {
        // Write while the socket takes it; `drain` (below) is not wired, so poll.
        for (let i = 0; i < 64; i++) {
          const n = s.write(block);
          written += n;
          if (n < block.length) break;
        }
        if (written < 512 * 1024 * 1024 && s.readyState === 1) setTimeout(fill, 5);
      };
      fill();
    });
    try {
      const response = await fetchRaw(raw.url);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      await Bun.sleep(600);
      const stalledAt = written;
      await Bun.sleep(300);
      // The socket buffers of both ends plus the transport's own 1 MiB, then nothing more.
      expect(stalledAt).toBeLessThan(32 * 1024 * 1024);
      expect(written - stalledAt).toBeLessThan(1024 * 1024);
      let more = 0;
      for (let i = 0; i < 20; i++) more += (await reader.read()).value?.length ?? 0;
      await Bun.sleep(100);
      expect(written).toBeGreaterThan(stalledAt); // Reading again resumed the socket.
      expect(more).toBeGreaterThan(0);
      await reader.cancel();
      await raw.closed;
    } finally {
      raw.stop();
    }
  });

  test("reuses a connection whose answer ended, but not one whose body was abandoned", async () => {
    const transport = http1Transport();
    const ports: number[] = [];
    const peer = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: (request, self) => {
        ports.push(self.requestIP(request)?.port ?? 0);
        return new Response(new URL(request.url).pathname === "/big" ? pattern(0, 4 * 1024 * 1024) : "ok");
      },
    });
    try {
      const at = `http://127.0.0.1:${peer.port}`;
      expect(await (await transport(`${at}/a`)).text()).toBe("ok");
      expect(await (await transport(`${at}/b`, { method: "HEAD" })).text()).toBe("");
      expect(await (await transport(`${at}/c`)).text()).toBe("ok");
      expect(new Set(ports).size).toBe(1);
      const big = await transport(`${at}/big`);
      const reader = (big.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      await reader.cancel();
      expect(await (await transport(`${at}/d`)).text()).toBe("ok");
      expect(ports[4]).not.toBe(ports[3]);
      expect(ports[3]).toBe(ports[0]);
    } finally {
      peer.stop(true);
    }
  });

  test("sends again on a new connection when the server closed the pooled one, and never reuses a closing one", async () => {
    let connections = 0;
    let requests = 0;
    const listener = Bun.listen({
      hostname: "127.0.0.1",
      port: 0,
      socket: {
        open: () => void connections++,
        data(socket, data) {
          if (!Buffer.from(data).includes("\r\n\r\n")) return;
          requests++;
          // The 2nd request meets a server that has just given up on its idle connection.
          if (requests === 2) socket.end();
          else if (requests === 3)
            socket.write("HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 5\r\n\r\nthree");
          else socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\n#${requests}!`);
        },
      },
    });
    try {
      const transport = http1Transport();
      const at = `http://127.0.0.1:${listener.port}`;
      expect(await (await transport(`${at}/1`)).text()).toBe("#1!");
      expect(await (await transport(`${at}/2`)).text()).toBe("three");
      expect(connections).toBe(2);
      expect(await (await transport(`${at}/4`)).text()).toBe("#4!");
      expect(connections).toBe(3); // The answer said close: not reused.
    } finally {
      listener.stop(true);
    }
  });

  test("requests with a body and other methods go to the fallback", async () => {
    const seen: string[] = [];
    const transport = http1Transport(async (input, init) => {
      seen.push(`${init?.method ?? "GET"} ${String(input)}`);
      return new Response("fallback");
    });
    expect(await (await transport(`${base}/echo`, { method: "POST", body: "x" })).text()).toBe("fallback");
    expect(await (await transport(`${base}/echo`, { method: "OPTIONS" })).text()).toBe("fallback");
    expect(await (await transport("ftp://cdn.example/film.mp4")).text()).toBe("fallback");
    expect(seen).toEqual([`POST ${base}/echo`, `OPTIONS ${base}/echo`, "GET ftp://cdn.example/film.mp4"]);
  });
});

describe("http1Transport over TLS", () => {
  let tlsServer: TlsEcho;
  let cert = "";
  beforeAll(async () => {
    tlsServer = await startTlsEcho("cdn.example");
    cert = tlsServer.cert;
  });
  afterAll(() => tlsServer?.stop());

  /** As the guard sends it: to the address, with the name as Host and TLS server name. */
  const toAddress = (name: string, ca?: string) =>
    ({
      headers: { host: `${name}:${tlsServer.port}` },
      tls: { serverName: name, ...(ca ? { ca } : {}) },
    }) as BunFetchRequestInit;

  test("reads over a connection whose certificate is the server name's, and keeps it alive", async () => {
    const transport = http1Transport();
    const url = `https://127.0.0.1:${tlsServer.port}/`;
    const peers = new Set<unknown>();
    for (let i = 0; i < 3; i++) {
      const answer = (await (await transport(url, toAddress("cdn.example", cert))).json()) as {
        peerPort: number;
        host: string;
      };
      expect(answer.host).toBe(`cdn.example:${tlsServer.port}`);
      peers.add(answer.peerPort);
    }
    expect(peers.size).toBe(1);
  });

  test("refuses a certificate it does not trust, and one that is not the server name's", async () => {
    const transport = http1Transport();
    const url = `https://127.0.0.1:${tlsServer.port}/`;
    expect(await transport(url, toAddress("cdn.example")).catch((e: unknown) => e)).toMatchObject({
      code: "DEPTH_ZERO_SELF_SIGNED_CERT",
    });
    expect(await transport(url, toAddress("other.example", cert)).catch((e: unknown) => e)).toMatchObject({
      code: "ERR_TLS_CERT_ALTNAME_INVALID",
    });
  });
});
