import type { ByteSource, CatalogEntry, ParseWarning } from "../catalog-entry.ts";
import type { M3uHeader } from "../m3u-header.ts";
import { type M3uParseOptions, parseM3u } from "../m3u-parser.ts";

export interface CollectedM3u {
  headers: M3uHeader[];
  entries: CatalogEntry[];
  /** Entry line numbers, index for index with `entries`. */
  lines: number[];
  warnings: ParseWarning[];
}

/** Runs the streaming parser to the end and gathers what it yielded; for tests and small lists. */
export async function collectM3u(source: ByteSource, options?: M3uParseOptions): Promise<CollectedM3u> {
  const result: CollectedM3u = { headers: [], entries: [], lines: [], warnings: [] };
  for await (const event of parseM3u(source, options)) {
    if (event.type === "header") result.headers.push(event.header);
    else if (event.type === "entry") {
      result.entries.push(event.entry);
      result.lines.push(event.line);
    } else result.warnings.push({ line: event.line, message: event.message });
  }
  return result;
}
