/**
 * Serves a web-standard `fetch` handler over `node:http` rather than `Bun.serve`, for one reason:
 * Bun.serve drops a handler's `Content-Length` from streamed bodies and sends them chunked
 * (oven-sh/bun#10507, still so in Bun 1.4.5), while Bun's `node:http` sends the header it is given.
 * Players, ffmpeg seeking and download managers need `Content-Length` on VOD `200`/`206` answers.
 * Bodies are pulled one chunk at a time and written only as the socket drains, so a viewer that
 * stops reading holds the upstream back; a viewer that leaves cancels the body.
 */
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { errorFields, type Logger } from "../../logger.ts";

export interface NodeHttpOptions {
  hostname: string;
  port: number;
  /** Seconds a keep-alive connection may sit idle, and a client may go without reading; 0 for never. */
  idleTimeoutSec: number;
  logger: Logger;
}

export interface NodeHttpServer {
  port: number;
  /** Stops listening and closes every connection, streams included. */
  stop(): Promise<void>;
}

type Handler = (request: Request) => Promise<Response>;

function toRequest(incoming: IncomingMessage, origin: string): Request {
  const target = incoming.url ?? "/";
  const url = target.startsWith("/") ? `${origin}${target}` : new URL(target, origin).href;
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  // The edge answers GET, HEAD and OPTIONS only, so request bodies are never read.
  return new Request(url, { method: incoming.method ?? "GET", headers });
}

function toHeaders(response: Response): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of response.headers) out[name] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) out["set-cookie"] = cookies;
  return out;
}

/**
 * Resolves true when the socket wants more; false when the response closed first, or when the
 * client read nothing for `stallMs` (a viewer that stopped reading), in which case it is destroyed.
 */
function drained(res: ServerResponse, stallMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const settle = (wantsMore: boolean): void => {
      clearTimeout(timer);
      res.off("drain", onDrain);
      res.off("close", onClose);
      resolve(wantsMore);
    };
    const onDrain = (): void => settle(true);
    const onClose = (): void => settle(false);
    const timer =
      stallMs > 0
        ? setTimeout(() => {
            settle(false);
            res.destroy();
          }, stallMs)
        : undefined;
    res.once("drain", onDrain);
    res.once("close", onClose);
  });
}

async function send(response: Response, res: ServerResponse, head: boolean, stallMs: number): Promise<void> {
  res.writeHead(response.status, toHeaders(response));
  const body = response.body;
  if (body === null || head) {
    await body?.cancel();
    res.end();
    return;
  }
  const reader = body.getReader();
  let finished = false;
  // A viewer that leaves mid-body cancels it, which releases the upstream and the session.
  res.once("close", () => {
    if (!finished) reader.cancel().catch(() => {});
  });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      if (!res.write(value) && !(await drained(res, stallMs))) return;
    }
    finished = true;
    res.end();
  } catch (error) {
    finished = true;
    // Headers (and maybe a Content-Length) are out: cutting the connection is the only honest signal.
    res.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}

export function serveNodeHttp(options: NodeHttpOptions, handler: Handler): Promise<NodeHttpServer> {
  const server = createServer();
  const idleMs = options.idleTimeoutSec * 1000;
  let origin = "";
  server.on("request", (incoming: IncomingMessage, res: ServerResponse) => {
    const head = incoming.method === "HEAD";
    handler(toRequest(incoming, origin))
      .then((response) => send(response, res, head, idleMs))
      .catch((error: unknown) => {
        options.logger.error(errorFields(error), "response failed");
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
  });
  // Not `server.setTimeout`: in Bun it cuts a response still streaming (writes do not reset it),
  // which would end every live viewer. Idle keep-alive connections close after `idleMs`, and a
  // client that stops reading is cut by the stall guard in `drained`.
  if (idleMs > 0) server.keepAliveTimeout = idleMs;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => {
      server.off("error", reject);
      const port = (server.address() as AddressInfo).port;
      origin = `http://${options.hostname}:${port}`;
      resolve({
        port,
        stop: () =>
          new Promise<void>((done) => {
            // Connections first: streams still running are cut, not waited for.
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
