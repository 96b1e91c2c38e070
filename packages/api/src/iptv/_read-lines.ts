import { LineSplitter } from "./_line-splitter.ts";
import type { ByteSource } from "./catalog-entry.ts";

/**
 * Decodes UTF-8 bytes into batches of lines, one batch per input chunk. A leading BOM is
 * dropped and invalid bytes become U+FFFD (never an error); a multi-byte character split
 * across chunks is reassembled by the streaming decoder.
 */
export async function* readLines(
  source: ByteSource,
  maxLineLength: number,
): AsyncGenerator<(string | null)[]> {
  const decoder = new TextDecoder("utf-8");
  const splitter = new LineSplitter(maxLineLength);
  for await (const chunk of source) {
    const lines: (string | null)[] = [];
    splitter.push(decoder.decode(chunk, { stream: true }), lines);
    if (lines.length > 0) yield lines;
  }
  const lines: (string | null)[] = [];
  splitter.push(decoder.decode(), lines);
  splitter.flush(lines);
  if (lines.length > 0) yield lines;
}
