/** Tuning of live fan-out; every field has a default in `createEdge`. */
export interface LiveConfig {
  /** Bytes of recent stream kept per channel for new viewers. */
  ringBytes: number;
  /** Bytes a viewer may fall behind before it is dropped (on top of its initial burst). */
  viewerQueueBytes: number;
  /** How long an upstream stays open after its last viewer left. */
  lingerMs: number;
  /** No bytes for this long and the upstream is abandoned for the next source. */
  stallTimeoutMs: number;
  /** No bytes for this long (across all sources) and the channel gives up and closes its viewers. */
  giveUpMs: number;
  /** Upstream data is gathered into chunks of about this size before fan-out. */
  chunkBytes: number;
  /** ...or for at most this long. */
  flushMs: number;
}

/** Counters shared by all channels of one edge; read by `/metrics` and the heartbeat. */
export interface LiveCounters {
  bytesIn: number;
  bytesOut: number;
  droppedViewers: number;
  failovers: number;
  upstreamsOpen: number;
  viewers: number;
}

export function createLiveCounters(): LiveCounters {
  return { bytesIn: 0, bytesOut: 0, droppedViewers: 0, failovers: 0, upstreamsOpen: 0, viewers: 0 };
}
