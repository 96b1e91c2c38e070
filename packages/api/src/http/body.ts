/**
 * Request body limits: the error a body over the configured size gets, the bounded read of a
 * body sent without a length, and the cap handed to Bun (none).
 */
import { AppError } from "../errors/app-error.ts";

export function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `Request body exceeds the ${limit}-byte limit`, { limit });
}

/**
 * Bun's own cap (`maxRequestBodySize`): none in effect, on purpose. Bun checks a declared
 * Content-Length against its cap before any of our code runs, answers a bare 413 and closes the
 * socket while the client is still sending, so the client meets a reset (EPIPE) instead of our
 * problem. Without a cap of its own Bun hands every request to the pipeline, which refuses an
 * over-limit body before reading it, and Bun then discards the unread rest at socket speed, in
 * flat memory, keeping the connection usable. A chunked body is read here up to the limit only.
 */
export const BUN_BODY_CAP = Number.MAX_SAFE_INTEGER;

/** A chunked body read in full, or the error the request is answered with instead. */
export type ReadBody = { bytes: Uint8Array<ArrayBuffer> } | { refused: AppError };

/** Reads a body sent without a length, stopping (and cancelling the rest) once past `limit` bytes. */
export async function readBounded(body: ReadableStream<Uint8Array>, limit: number): Promise<ReadBody> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        const bytes = new Uint8Array(size);
        let at = 0;
        for (const chunk of chunks) {
          bytes.set(chunk, at);
          at += chunk.byteLength;
        }
        return { bytes };
      }
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return { refused: tooLarge(limit) };
      }
      chunks.push(value);
    }
  } catch {
    // The client went away or broke the chunked framing mid-body.
    return { refused: new AppError("bad_request", "Request body could not be read") };
  }
}

/**
 * The request to hand on after its chunked body was read: the same method, URL, headers and
 * abort signal, the body with its length declared, or no body when it was refused.
 */
export function withReadBody(request: Request, read: ReadBody): Request {
  const headers = new Headers(request.headers);
  headers.delete("transfer-encoding");
  const body = "bytes" in read && request.method !== "GET" && request.method !== "HEAD" ? read.bytes : null;
  if (body) headers.set("content-length", String(body.byteLength));
  return new Request(request.url, { method: request.method, headers, body, signal: request.signal });
}
