/**
 * One HTTP/1.1 GET over a raw socket, to see the response as it is on the wire: `fetch` hides
 * whether a body came with `Content-Length` or chunked.
 */

export interface WireResponse {
  status: number;
  /** Header names lower-cased, as sent. */
  headers: Map<string, string>;
  /** The body, de-chunked when it came chunked. */
  body: Uint8Array;
  chunked: boolean;
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf("\r\n", at);
    if (lineEnd < 0) throw new Error("Chunked body ends without its last chunk");
    const size = Number.parseInt(data.subarray(at, lineEnd).toString("latin1"), 16);
    if (size === 0) return Buffer.concat(parts);
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

export async function rawGet(url: string, headers: Record<string, string> = {}): Promise<WireResponse> {
  const target = new URL(url);
  const received: Buffer[] = [];
  const closed = Promise.withResolvers<void>();
  const socket = await Bun.connect({
    hostname: target.hostname,
    port: Number(target.port),
    socket: {
      data: (_socket, data) => void received.push(Buffer.from(data)),
      close: () => closed.resolve(),
      error: (_socket, error) => closed.reject(error),
    },
  });
  const lines = [
    `GET ${target.pathname}${target.search} HTTP/1.1`,
    `Host: ${target.host}`,
    "Connection: close",
  ];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  await closed.promise;
  const data = Buffer.concat(received);
  const headEnd = data.indexOf("\r\n\r\n");
  if (headEnd < 0) throw new Error("Response has no complete head");
  const [statusLine = "", ...headerLines] = data.subarray(0, headEnd).toString("latin1").split("\r\n");
  const map = new Map<string, string>();
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const rest = data.subarray(headEnd + 4);
  const chunked = map.get("transfer-encoding")?.toLowerCase() === "chunked";
  return {
    status: Number(statusLine.split(" ")[1]),
    headers: map,
    body: chunked ? dechunk(rest) : rest,
    chunked,
  };
}
