/**
 * The transport under the VOD fetch: GET and HEAD over HTTP/1.1 on a raw socket (`Bun.connect`).
 * Written by hand for one reason: the edge must read a film's body in JavaScript (to
 * count the bytes and to know when the viewer is done), and a body read that way from Bun's
 * `fetch` relays a quarter slower than the same body read from a socket (1 GiB through a relay on
 * 127.0.0.1, alternating runs: 0.63-0.76 GB/s against 0.86-1.0 GB/s, the socket on par with
 * handing the fetch body to the server untouched). Anything but a bodiless GET or HEAD over
 * http or https goes to `fallback` (the global fetch).
 *
 * What it does: status line and headers (1xx answers skipped, 64 KiB at most), bodies framed by
 * chunked transfer coding (extensions and trailers read past), by Content-Length, or by the end
 * of the connection; none for HEAD, 204 and 304. A body that ends early errors its stream rather
 * than looking complete. Back-pressure: the socket stops reading once 1 MiB waits unread, and
 * reads again when the reader catches up. The signal aborts the wait for headers and the body.
 * Keep-alive: a connection whose answer ended cleanly waits (4 s, 8 per origin) for the next
 * request to that origin, as fetch's pool would, so a player seeking through a film does not
 * pay a new connection per range; a request that finds its reused connection closed by the
 * server before any answer is sent again on a new one. TLS: Bun's sockets (BoringSSL, the same
 * trust store as fetch); the request goes out only after a handshake whose certificate is valid
 * for the server name, and the pool never mixes connections made for different names.
 */
import { isIP } from "node:net";
import type { Socket, SocketHandler } from "bun";
import type { UpstreamFetch } from "./guarded-fetch.ts";

const MAX_HEAD_BYTES = 64 * 1024;
const HIGH_WATER_BYTES = 1024 * 1024;
const IDLE_MS = 4000;
const MAX_IDLE_PER_ORIGIN = 8;
const CRLF2 = Buffer.from("\r\n\r\n");
const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;

/** Why an answer could not be read; thrown (before headers) or the body's error (after). */
export class UpstreamProtocolError extends TypeError {
  override readonly name = "UpstreamProtocolError";
}

interface Head {
  status: number;
  statusText: string;
  headers: Headers;
  /** HTTP/1.1 without `Connection: close`: the connection may carry the next request. */
  keepAlive: boolean;
}

/** A connection's state: the exchange it serves, if any, and its idle timer while pooled. */
interface Conn {
  /** What the pool keys it by: scheme, TLS server name, address and port. */
  origin: string;
  secure: boolean;
  exchange: Exchange | null;
  idle: Timer | null;
}
type Connection = Socket<Conn>;

type Framing = { kind: "none" } | { kind: "length"; left: number } | { kind: "chunked" } | { kind: "close" };

function parseHead(text: string): Head {
  const lines = text.split("\r\n");
  const status = STATUS_LINE.exec(lines[0] ?? "");
  const http11 = (lines[0] ?? "").startsWith("HTTP/1.1 ");
  if (!status) throw new UpstreamProtocolError(`The upstream answered with no HTTP/1.1 status line`);
  const headers = new Headers();
  for (const line of lines.slice(1)) {
    const field = HEADER_LINE.exec(line);
    if (!field) throw new UpstreamProtocolError(`The upstream sent a malformed header line`);
    headers.append(field[1] as string, field[2] as string);
  }
  const keepAlive = http11 && !/(^|,)\s*close\s*(,|$)/i.test(headers.get("connection") ?? "");
  return { status: Number(status[1]), statusText: status[2] ?? "", headers, keepAlive };
}

/** RFC 9112 §6.3, for a response to a GET or HEAD. */
function framingOf(head: Head, method: string): Framing {
  if (method === "HEAD" || head.status === 204 || head.status === 304) return { kind: "none" };
  const coding = head.headers.get("transfer-encoding");
  if (coding !== null) {
    const last = coding.split(",").at(-1)?.trim().toLowerCase();
    return last === "chunked" ? { kind: "chunked" } : { kind: "close" };
  }
  const length = head.headers.get("content-length");
  if (length === null) return { kind: "close" };
  const values = new Set(length.split(",").map((v) => v.trim()));
  const [only] = values;
  if (values.size !== 1 || only === undefined || !/^\d{1,15}$/.test(only))
    throw new UpstreamProtocolError(`The upstream sent an invalid Content-Length`);
  return { kind: "length", left: Number(only) };
}

/** One request and its answer on one connection. */
class Exchange {
  readonly #method: string;
  readonly #signal: AbortSignal | undefined;
  readonly #request: Buffer;
  readonly #pool: IdlePool;
  readonly #reconnect: () => void;
  #socket: Connection | null = null;
  #unsent: Buffer | null = null;
  /** On a pooled connection, and nothing of the answer seen yet: a close means "send again". */
  #reused = false;
  #answered = false;
  #keepAlive = false;
  #resolveHead!: (response: Response) => void;
  #rejectHead!: (error: unknown) => void;
  readonly response: Promise<Response>;
  #head: Buffer | null = Buffer.alloc(0);
  #framing: Framing = { kind: "none" };
  // Chunked decoding: reading a size line, chunk data, the CRLF after it, or trailers.
  #chunkState: "size" | "data" | "crlf" | "trailers" = "size";
  #line = "";
  #chunkLeft = 0;
  readonly #queue: Uint8Array[] = [];
  #queued = 0;
  #ended = false;
  #failure: unknown = null;
  #wake: (() => void) | null = null;
  #paused = false;

  constructor(
    method: string,
    signal: AbortSignal | undefined,
    request: Buffer,
    pool: IdlePool,
    reconnect: () => void,
  ) {
    this.#method = method;
    this.#signal = signal;
    this.#request = request;
    this.#pool = pool;
    this.#reconnect = reconnect;
    this.response = new Promise<Response>((resolve, reject) => {
      this.#resolveHead = resolve;
      this.#rejectHead = reject;
    });
    // Failures may come before the caller awaits (while connecting): not an unhandled rejection.
    this.response.catch(() => {});
    signal?.addEventListener("abort", this.#onAbort);
  }

  readonly #onAbort = (): void =>
    this.#fail(this.#signal?.reason ?? new DOMException("Aborted", "AbortError"));

  /**
   * Takes `socket`, a new connection or one from the pool, and sends the request on it; a new
   * TLS connection sends it once its handshake succeeds (see `onHandshake`).
   */
  attach(socket: Connection, reused: boolean): void {
    socket.data.exchange = this;
    this.#socket = socket;
    this.#reused = reused;
    if (this.#failure !== null) {
      socket.data.exchange = null;
      socket.terminate(); // Aborted while connecting.
      return;
    }
    if (reused || !socket.data.secure) this.#write(this.#request);
  }

  /** A new TLS connection's handshake: the certificate must be valid for the server name. */
  onHandshake(authorized: boolean, error: Error | null): void {
    if (authorized) this.#write(this.#request);
    else this.#fail(error ?? new TypeError(`The certificate of ${this.#socket?.data.origin} is not trusted`));
  }

  #write(bytes: Buffer): void {
    const written = this.#socket?.write(bytes) ?? 0;
    this.#unsent = written < bytes.length ? bytes.subarray(Math.max(0, written)) : null;
  }

  onDrain(): void {
    if (this.#unsent !== null) this.#write(this.#unsent);
  }

  /** Bytes from the socket. */
  onData(data: Uint8Array): void {
    this.#answered = true;
    try {
      if (this.#head !== null) this.#readHead(data);
      else this.#readBody(data);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** The connection closed (or the peer finished sending). */
  onClose(error?: unknown): void {
    if (this.#ended || this.#failure !== null) return;
    if (this.#reused && !this.#answered) {
      // The server closed the idle connection as the request went out: once more, afresh.
      this.#reused = false;
      this.#release(false);
      this.#reconnect();
      return;
    }
    if (this.#head !== null) {
      this.#fail(error ?? new UpstreamProtocolError("The upstream closed the connection before answering"));
    } else if (this.#framing.kind === "close") {
      this.#end();
    } else {
      this.#fail(
        error ?? new UpstreamProtocolError("The upstream closed the connection before the end of the body"),
      );
    }
  }

  #readHead(data: Uint8Array): void {
    let buffer =
      this.#head === null || this.#head.length === 0 ? Buffer.from(data) : Buffer.concat([this.#head, data]);
    for (;;) {
      const at = buffer.indexOf(CRLF2);
      if (at < 0) {
        if (buffer.length > MAX_HEAD_BYTES)
          throw new UpstreamProtocolError("The upstream's response head is too large");
        this.#head = buffer;
        return;
      }
      if (at > MAX_HEAD_BYTES) throw new UpstreamProtocolError("The upstream's response head is too large");
      const head = parseHead(buffer.subarray(0, at).toString("latin1"));
      buffer = buffer.subarray(at + 4);
      if (head.status >= 100 && head.status < 200) {
        if (head.status === 101) throw new UpstreamProtocolError("The upstream switched protocols");
        continue; // 100 Continue, 103 Early Hints: the answer follows.
      }
      if (head.status < 200 || head.status > 599)
        throw new UpstreamProtocolError(`The upstream answered with status ${head.status}`);
      this.#head = null;
      this.#keepAlive = head.keepAlive;
      this.#framing = framingOf(head, this.#method);
      const body = this.#framing.kind === "none" ? null : this.#body();
      this.#resolveHead(
        new Response(body, { status: head.status, statusText: head.statusText, headers: head.headers }),
      );
      if (this.#framing.kind === "none") this.#end();
      else if (this.#framing.kind === "length" && this.#framing.left === 0) this.#end();
      else if (buffer.length > 0)
        this.#readBody(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length));
      return;
    }
  }

  #readBody(data: Uint8Array): void {
    const framing = this.#framing;
    if (this.#ended) return;
    if (framing.kind === "close") this.#push(data);
    else if (framing.kind === "length") {
      const take = Math.min(framing.left, data.length);
      framing.left -= take;
      this.#push(take === data.length ? data : data.subarray(0, take));
      if (framing.left === 0) this.#end();
    } else if (framing.kind === "chunked") this.#readChunked(data);
  }

  #readChunked(data: Uint8Array): void {
    let i = 0;
    while (i < data.length && !this.#ended) {
      if (this.#chunkState === "data") {
        const take = Math.min(this.#chunkLeft, data.length - i);
        this.#push(data.subarray(i, i + take));
        i += take;
        this.#chunkLeft -= take;
        if (this.#chunkLeft === 0) this.#chunkState = "crlf";
        continue;
      }
      // Size lines, the CRLF after each chunk and trailer lines: line by line.
      const newline = data.indexOf(10, i);
      const end = newline < 0 ? data.length : newline;
      this.#line += Buffer.from(data.buffer, data.byteOffset + i, end - i).toString("latin1");
      if (this.#line.length > 4096)
        throw new UpstreamProtocolError("The upstream sent an overlong chunk line");
      if (newline < 0) return;
      i = newline + 1;
      const line = this.#line.endsWith("\r") ? this.#line.slice(0, -1) : this.#line;
      this.#line = "";
      if (this.#chunkState === "crlf") {
        if (line !== "") throw new UpstreamProtocolError("The upstream's chunk is longer than its size");
        this.#chunkState = "size";
      } else if (this.#chunkState === "size") {
        const size = /^([0-9A-Fa-f]{1,12})[ \t]*(?:;.*)?$/.exec(line)?.[1];
        if (size === undefined) throw new UpstreamProtocolError("The upstream sent an invalid chunk size");
        this.#chunkLeft = Number.parseInt(size, 16);
        this.#chunkState = this.#chunkLeft === 0 ? "trailers" : "data";
      } else if (line === "") {
        this.#end(); // The empty line after the trailers.
      }
    }
  }

  #body(): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>(
      {
        pull: (controller) => this.#pull(controller),
        cancel: () => this.#close(),
      },
      { highWaterMark: 0 },
    );
  }

  #pull(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> | undefined {
    const chunk = this.#queue.shift();
    if (chunk !== undefined) {
      this.#queued -= chunk.length;
      controller.enqueue(chunk);
      if (this.#paused && this.#queued < HIGH_WATER_BYTES) {
        this.#paused = false;
        this.#socket?.resume();
      }
      return;
    }
    if (this.#failure !== null) {
      controller.error(this.#failure);
      return;
    }
    if (this.#ended) {
      controller.close();
      return;
    }
    return new Promise<void>((resolve) => {
      this.#wake = () => {
        this.#wake = null;
        resolve(this.#pull(controller));
      };
    });
  }

  #push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#queue.push(chunk);
    this.#queued += chunk.length;
    if (this.#queued >= HIGH_WATER_BYTES && !this.#paused) {
      this.#paused = true;
      this.#socket?.pause();
    }
    this.#wake?.();
  }

  /** The whole answer is in: the connection goes back to the pool when it can carry another. */
  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#signal?.removeEventListener("abort", this.#onAbort);
    this.#release(this.#keepAlive && this.#framing.kind !== "close");
    this.#wake?.();
  }

  /** Lets go of the connection: into the pool, or closed. */
  #release(reusable: boolean): void {
    const socket = this.#socket;
    this.#socket = null;
    if (socket === null) return;
    socket.data.exchange = null;
    if (!reusable) {
      socket.terminate();
      return;
    }
    if (this.#paused) socket.resume();
    this.#pool.put(socket);
  }

  #fail(error: unknown): void {
    if (this.#ended || this.#failure !== null) return;
    this.#failure = error;
    this.#signal?.removeEventListener("abort", this.#onAbort);
    this.#queue.length = 0;
    this.#queued = 0;
    this.#release(false);
    this.#rejectHead(error); // No effect once the head was answered.
    this.#wake?.();
  }

  /** The reader cancelled the body: what is left of it would have to be read, so the connection goes. */
  #close(): void {
    this.#queue.length = 0;
    this.#ended = true;
    this.#signal?.removeEventListener("abort", this.#onAbort);
    this.#release(false);
  }
}

/** Idle connections by origin, kept a few seconds for the next request. */
class IdlePool {
  readonly #idle = new Map<string, Connection[]>();

  take(origin: string): Connection | undefined {
    const list = this.#idle.get(origin);
    while (list !== undefined && list.length > 0) {
      const socket = list.pop() as Connection;
      this.#stopTimer(socket);
      if (socket.readyState === 1) {
        socket.ref();
        return socket;
      }
    }
    this.#idle.delete(origin);
    return undefined;
  }

  put(socket: Connection): void {
    const list = this.#idle.get(socket.data.origin) ?? [];
    if (list.length >= MAX_IDLE_PER_ORIGIN) {
      socket.end();
      return;
    }
    list.push(socket);
    this.#idle.set(socket.data.origin, list);
    socket.unref(); // An idle connection does not keep the process alive.
    const timer = setTimeout(() => {
      this.drop(socket);
      socket.end();
    }, IDLE_MS);
    timer.unref();
    socket.data.idle = timer;
  }

  /** Forgets a connection (closed, or being closed). */
  drop(socket: Connection): void {
    this.#stopTimer(socket);
    const list = this.#idle.get(socket.data.origin);
    const at = list?.indexOf(socket) ?? -1;
    if (list === undefined || at < 0) return;
    list.splice(at, 1);
    if (list.length === 0) this.#idle.delete(socket.data.origin);
  }

  #stopTimer(socket: Connection): void {
    if (socket.data.idle !== null) clearTimeout(socket.data.idle);
    socket.data.idle = null;
  }
}

function connectionHandlers(pool: IdlePool): SocketHandler<Conn> {
  const failure = (socket: Connection, what: string, error: unknown) =>
    new TypeError(`${what} ${socket.data.origin}`, { cause: error });
  return {
    open: (socket) => socket.data.exchange?.attach(socket, false),
    handshake: (socket, authorized, error) => socket.data.exchange?.onHandshake(authorized, error),
    drain: (socket) => socket.data.exchange?.onDrain(),
    data(socket, bytes) {
      const exchange = socket.data.exchange;
      if (exchange !== null) {
        exchange.onData(bytes);
        return;
      }
      pool.drop(socket); // Bytes on an idle connection: nobody asked for them.
      socket.terminate();
    },
    end(socket) {
      pool.drop(socket);
      if (socket.data.exchange === null) socket.end();
      else socket.data.exchange.onClose();
    },
    close(socket) {
      pool.drop(socket);
      socket.data.exchange?.onClose();
    },
    error: (socket, error) =>
      socket.data.exchange?.onClose(failure(socket, "The connection failed to", error)),
    connectError: (socket, error) =>
      socket.data.exchange?.onClose(failure(socket, "Could not connect to", error)),
  };
}

function requestHead(url: URL, method: string, init: RequestInit): string {
  const headers = new Headers(init.headers);
  const host = headers.get("host") ?? url.host;
  headers.delete("host");
  headers.delete("connection");
  headers.delete("keep-alive");
  headers.delete("transfer-encoding");
  headers.delete("content-length");
  // What Bun's fetch would send by default, except compression: bytes pass through untouched.
  if (!headers.has("user-agent")) headers.set("user-agent", `Bun/${Bun.version}`);
  if (!headers.has("accept")) headers.set("accept", "*/*");
  headers.set("accept-encoding", "identity");
  let head = `${method} ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\n`;
  for (const [name, value] of headers) head += `${name}: ${value}\r\n`;
  return `${head}\r\n`;
}

/**
 * An `UpstreamFetch` that sends bodiless GET and HEAD requests itself, over http and https, and
 * everything else to `fallback`. For https the certificate is checked against `init.tls.serverName`
 * (the guard sets it to the URL's name when it connects to an address) or the URL's host, with
 * `init.tls.ca` as extra trust when given, as Bun's fetch does.
 */
export function http1Transport(fallback: UpstreamFetch = fetch): UpstreamFetch {
  const pool = new IdlePool();
  const handlers = connectionHandlers(pool);
  return async (input, init = {}) => {
    const url = new URL(String(input));
    const method = (init.method ?? "GET").toUpperCase();
    const bodiless = init.body === undefined || init.body === null;
    const secure = url.protocol === "https:";
    if ((!secure && url.protocol !== "http:") || (method !== "GET" && method !== "HEAD") || !bodiless)
      return fallback(input, init);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
    const port = Number(url.port || (secure ? 443 : 80));
    const given = (init as BunFetchRequestInit).tls;
    const serverName = given?.serverName ?? (isIP(hostname) === 0 ? hostname : undefined);
    const tls = secure
      ? { ...(serverName ? { serverName } : {}), ...(given?.ca ? { ca: given.ca } : {}) }
      : undefined;
    const origin = secure ? `https://${serverName ?? ""}@${url.host}` : `http://${url.host}`;
    const request = Buffer.from(requestHead(url, method, init), "latin1");
    const connect = (): void => {
      Bun.connect<Conn>({
        hostname,
        port,
        ...(tls ? { tls } : {}),
        data: { origin, secure, exchange, idle: null },
        socket: handlers,
      }).catch((error: unknown) =>
        exchange.onClose(new TypeError(`Could not connect to ${url.host}`, { cause: error })),
      );
    };
    const exchange: Exchange = new Exchange(method, signal, request, pool, connect);
    const idle = pool.take(origin);
    if (idle === undefined) connect();
    else exchange.attach(idle, true);
    return exchange.response;
  };
}
