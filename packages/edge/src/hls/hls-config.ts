/** Tuning of HLS proxying; every field has a default in `createEdge`. */
export interface HlsConfig {
  /** Path prefix the edge is mounted under (e.g. "/edge"), used in rewritten URIs. */
  prefix: string;
  /** A live playlist is fetched from upstream at most once per this interval, for all viewers. */
  refreshMs: number;
  /** How long an ended (VOD) playlist is reused. */
  endedPlaylistTtlMs: number;
  /** On upstream failure, a playlist this old may still be served. */
  staleMs: number;
  /** Timeout for one upstream playlist or segment fetch. */
  upstreamTimeoutMs: number;
}

export interface HlsCounters {
  playlistFetches: number;
  segmentFetches: number;
  bytesOut: number;
}

export function createHlsCounters(): HlsCounters {
  return { playlistFetches: 0, segmentFetches: 0, bytesOut: 0 };
}
