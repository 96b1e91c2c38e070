/** What a catalog entry is, whichever source (M3U, Xtream Codes) it came from. */
export type EntryKind = "live" | "vod" | "series";

/** Catch-up (archive) settings of a channel, as M3U+ and Xtream panels describe them. */
export interface CatchupInfo {
  /** `default`, `append`, `shift`, `flussonic`, `xc`… as written by the source. */
  mode?: string;
  /** How many days of archive the source keeps. */
  days?: number;
  /** URL template for the archive, with `{utc}`-style placeholders. */
  source?: string;
}

/**
 * One playable item of a catalog, normalised. The M3U parser, the M3U writer and the Xtream
 * client all speak this shape; optional fields are absent (never `undefined`) when unknown.
 */
export interface CatalogEntry {
  kind: EntryKind;
  title: string;
  url: string;
  /** Seconds as written after `#EXTINF:`; -1 for live or unknown. */
  duration: number;
  tvgId?: string;
  tvgName?: string;
  logo?: string;
  channelNumber?: number;
  group?: string;
  catchup?: CatchupInfo;
  /** EPG time shift in hours (`tvg-shift`). */
  tvgShift?: number;
  userAgent?: string;
  referrer?: string;
  /** Extra request headers (`#EXTHTTP`). */
  httpHeaders?: Record<string, string>;
  /** `#EXTVLCOPT` options other than user agent and referrer. */
  vlcOptions?: Record<string, string>;
  /** `#KODIPROP` properties. */
  kodiProps?: Record<string, string>;
  /** `#EXTINF` attributes this model does not name (or could not read), kept verbatim for a faithful rewrite. */
  attributes?: Record<string, string>;
}

/** A problem in the input that did not stop the parse. `line` is 1-based; 0 means the whole input. */
export interface ParseWarning {
  line: number;
  message: string;
}

/** Bytes as they arrive: `fetch().body`, `Bun.file().stream()` or any async iterable of chunks. */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;
