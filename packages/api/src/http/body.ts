/**
 * JSON body reading with a hard size cap, so a chunked upload without Content-Length
 * cannot grow past the limit and malformed JSON becomes a 400 problem, not a 500.
 */
import { AppError } from "../errors/app-error.ts";

export function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `Request body exceeds the ${limit}-byte limit`, { limit });
}

/** Reads at most `limit` bytes of the body as UTF-8 text; throws payload_too_large past it. */
export async function readCappedText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export async function parseJsonBody(request: Request, limit: number): Promise<unknown> {
  const text = await readCappedText(request, limit);
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("malformed_json", `Request body is not valid JSON: ${reason}`);
  }
}
