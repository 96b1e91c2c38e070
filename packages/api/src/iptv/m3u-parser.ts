import { M3uLineReader } from "./_m3u-line-reader.ts";
import { readLines } from "./_read-lines.ts";
import type { ByteSource, CatalogEntry } from "./catalog-entry.ts";
import type { M3uHeader } from "./m3u-header.ts";

/** What the M3U parser yields, in input order. Warnings never stop the parse. */
export type M3uEvent =
  | { type: "header"; line: number; header: M3uHeader }
  | { type: "entry"; line: number; entry: CatalogEntry }
  | { type: "warning"; line: number; message: string };

export interface M3uParseOptions {
  /** Lines longer than this (in UTF-16 units) are skipped with a warning. Default 1 MiB. */
  maxLineLength?: number;
  /** Warn when an entry repeats the URL and title of an earlier one. Default true. */
  detectDuplicates?: boolean;
}

/**
 * Parses an M3U / M3U+ playlist as it streams in, one entry at a time: memory depends on the
 * longest line, not on the size of the list (duplicate detection keeps one number per entry).
 *
 * @example
 * for await (const event of parseM3u((await fetch(url)).body!)) {
 *   if (event.type === "entry") save(event.entry);
 * }
 */
export async function* parseM3u(source: ByteSource, options: M3uParseOptions = {}): AsyncGenerator<M3uEvent> {
  const reader = new M3uLineReader(options.maxLineLength ?? 1 << 20, options.detectDuplicates ?? true);
  const events: M3uEvent[] = [];
  for await (const lines of readLines(source, options.maxLineLength ?? 1 << 20)) {
    reader.read(lines, events);
    for (const event of events) yield event;
    events.length = 0;
  }
  reader.end(events);
  yield* events;
}
