import type { ChannelInfo } from "../live/live-channel.ts";
import type { SessionSummary } from "../session/session-store.ts";

/** A snapshot of the edge for health, metrics and the heartbeat. */
export interface EdgeStats {
  nodeId: string;
  version: string;
  draining: boolean;
  viewers: number;
  upstreams: number;
  sessions: number;
  bytesIn: number;
  bytesOut: number;
  bytesOutByProtocol: { live: number; hls: number; vod: number };
  droppedViewers: number;
  failovers: number;
  hls: {
    cacheHits: number;
    cacheMisses: number;
    cacheBytes: number;
    cacheEntries: number;
    coalesced: number;
    playlistFetches: number;
    segmentFetches: number;
  };
  tokenRejections: Record<string, number>;
  channels: ChannelInfo[];
  sessionList: SessionSummary[];
}
