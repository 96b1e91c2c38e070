/** Everything the edge core can be tuned with, and the defaults used when a field is left out. */

export interface EdgeConfig {
  /** Path prefix the routes are mounted under, e.g. "/edge" inside the API; "" standalone. */
  prefix: string;
  /** HLS object cache size, MiB. */
  cacheMb: number;
  /** Bytes a live viewer may fall behind before it is dropped. */
  viewerQueueBytes: number;
  /** Bytes of recent stream kept per live channel for new viewers. */
  ringBytes: number;
  /** Upstream kept open this long after a channel's last viewer left. */
  lingerMs: number;
  /** No upstream bytes for this long: fail over to the next source. */
  stallTimeoutMs: number;
  /** No upstream bytes for this long on any source: close the channel's viewers. */
  giveUpMs: number;
  /** How long the first viewer of a channel waits for its first bytes. */
  startTimeoutMs: number;
  /** Live chunks gathered to about this size before fan-out... */
  chunkBytes: number;
  /** ...or for at most this long. */
  flushMs: number;
  /** An HLS or VOD session with no request for this long ends. */
  sessionIdleMs: number;
  /** An HLS client that requested nothing for this long may be replaced by a new entry of its token. */
  hlsClientIdleMs: number;
  /** Source lookups are reused for this long. */
  sourcesTtlMs: number;
  /** A live HLS playlist is fetched upstream at most once per this interval. */
  hlsRefreshMs: number;
  /** How long an ended (VOD) HLS playlist is reused. */
  hlsEndedTtlMs: number;
  /** A playlist this old may still be served while its upstream fails. */
  hlsStaleMs: number;
  /** Timeout for upstream playlist/segment fetches and for VOD headers. */
  upstreamTimeoutMs: number;
}

export const DEFAULT_EDGE_CONFIG: Readonly<EdgeConfig> = Object.freeze({
  prefix: "",
  cacheMb: 256,
  viewerQueueBytes: 2 * 1024 * 1024,
  ringBytes: 4 * 1024 * 1024,
  lingerMs: 5000,
  stallTimeoutMs: 5000,
  giveUpMs: 60_000,
  startTimeoutMs: 10_000,
  chunkBytes: 32 * 1024,
  flushMs: 50,
  sessionIdleMs: 30_000,
  hlsClientIdleMs: 12_000,
  sourcesTtlMs: 30_000,
  hlsRefreshMs: 1000,
  hlsEndedTtlMs: 300_000,
  hlsStaleMs: 15_000,
  upstreamTimeoutMs: 10_000,
});

export function resolveEdgeConfig(partial: Partial<EdgeConfig> = {}): Readonly<EdgeConfig> {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined));
  const config: EdgeConfig = { ...DEFAULT_EDGE_CONFIG, ...defined };
  config.prefix = config.prefix.replace(/\/+$/, "");
  if (config.prefix !== "" && !config.prefix.startsWith("/")) config.prefix = `/${config.prefix}`;
  return Object.freeze(config);
}
