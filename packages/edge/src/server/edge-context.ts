import type { HlsCounters } from "../hls/hls-config.ts";
import type { HlsService } from "../hls/hls-service.ts";
import type { SegmentCache } from "../hls/segment-cache.ts";
import type { LiveCounters } from "../live/live-config.ts";
import type { LiveHub } from "../live/live-hub.ts";
import type { Logger } from "../logger.ts";
import type { SessionStore } from "../session/session-store.ts";
import type { TokenVerifier } from "../token/create-token-verifier.ts";
import type { SourceLookup } from "../upstream/source.ts";
import type { VodProxyDeps } from "../vod/vod-proxy.ts";
import type { EdgeConfig } from "./edge-config.ts";

/** What the route handlers share; built once by `createEdge`. */
export interface EdgeContext {
  config: Readonly<EdgeConfig>;
  verifier: TokenVerifier;
  /** Cached source lookup. */
  sources: SourceLookup;
  store: SessionStore;
  live: LiveHub;
  liveCounters: LiveCounters;
  hls: HlsService;
  hlsCounters: HlsCounters;
  cache: SegmentCache;
  vod: VodProxyDeps;
  vodCounters: { bytesOut: number };
  tokenRejections: Map<string, number>;
  logger: Logger;
  isDraining(): boolean;
}
