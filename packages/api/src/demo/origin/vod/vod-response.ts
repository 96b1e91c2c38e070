/**
 * A VOD file from memory with byte-range support, so players can seek and browsers can fetch
 * the `moov` atom and then the media they need.
 */
import { parseByteRange } from "./byte-range.ts";

export function vodResponse(request: Request, body: Uint8Array<ArrayBuffer>, headers: Headers): Response {
  const size = body.length;
  headers.set("accept-ranges", "bytes");
  const range = parseByteRange(request.headers.get("range"), size);
  const withBody = request.method !== "HEAD";
  if (range === "unsatisfiable") {
    headers.set("content-range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  if (range === undefined) {
    headers.set("content-length", String(size));
    return new Response(withBody ? body : null, { status: 200, headers });
  }
  headers.set("content-range", `bytes ${range.start}-${range.end}/${size}`);
  headers.set("content-length", String(range.end - range.start + 1));
  return new Response(withBody ? body.subarray(range.start, range.end + 1) : null, { status: 206, headers });
}
