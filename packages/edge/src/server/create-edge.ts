/**
 * The edge as a library: `createEdge(deps)` gives a `fetch(Request) → Response` handler plus
 * stats and lifecycle. The standalone node and the API (in-process, mounted at `/edge`) both
 * wrap it; everything it needs from outside comes in as `deps`.
 */
import { createHlsCounters } from "../hls/hls-config.ts";
import { createHlsService } from "../hls/hls-service.ts";
import { SegmentCache } from "../hls/segment-cache.ts";
import { createLiveCounters } from "../live/live-config.ts";
import { createLiveHub } from "../live/live-hub.ts";
import { errorFields, type Logger, silentLogger } from "../logger.ts";
import { createGuardedFetch, type GuardedFetchOptions, type UpstreamFetch } from "../net/guarded-fetch.ts";
import { http1Transport } from "../net/http1-transport.ts";
import { type EndedSession, type Revocation, SessionStore } from "../session/session-store.ts";
import type { TokenVerifier } from "../token/create-token-verifier.ts";
import type { SourceLookup, UpstreamSlots } from "../upstream/source.ts";
import { createSourceCache } from "../upstream/source-cache.ts";
import type { EdgeConfig } from "./edge-config.ts";
import { resolveEdgeConfig } from "./edge-config.ts";
import type { EdgeContext } from "./edge-context.ts";
import type { EdgeStats } from "./edge-stats.ts";
import { handleRequest } from "./handle-request.ts";

export interface EdgeDeps {
  nodeId: string;
  version?: string;
  verifier: TokenVerifier;
  /** A stream's sources in priority order; cached inside the edge for `sourcesTtlMs`. */
  sources: SourceLookup;
  /** Leases on upstream accounts' connections; without it every source may always be opened. */
  upstreamSlots?: UpstreamSlots;
  /** Told (best effort, batched) when screen sessions end on this edge, with their generations. */
  sessions?: { ended(sessions: Array<{ sid: string; gen: number }>): void | Promise<void> };
  logger?: Logger;
  config?: Partial<EdgeConfig>;
  /**
   * Which upstream addresses may be fetched: public ones only by default (tenants supply the
   * source URLs, and the URIs inside their playlists). Ignored when `fetch` is given.
   */
  outbound?: GuardedFetchOptions;
  /** Upstream fetch, used as is (no guard of its own); by default the guard `outbound` sets. */
  fetch?: UpstreamFetch;
  /** Secret for session keys; random per process by default. */
  sessionSecret?: Uint8Array;
}

export interface Edge {
  fetch(request: Request): Promise<Response>;
  stats(): EdgeStats;
  /** Stops admitting new sessions (503 `draining`); existing ones carry on. */
  drain(): void;
  /**
   * Ends the named screens' sessions now and refuses their tokens from here on: a bare sid
   * ends every generation, `{ sid, upTo }` those up to `upTo` (later routes still work).
   */
  revoke(revocations: ReadonlyArray<string | Revocation>): void;
  /** Ends everything: viewers, upstreams (slots released), sessions. */
  close(): Promise<void>;
}

export function createEdge(deps: EdgeDeps): Edge {
  const config = resolveEdgeConfig(deps.config);
  const logger = deps.logger ?? silentLogger;
  const outbound = deps.outbound ?? { allowPrivate: false, allowOrigins: [] };
  const upstreamFetch = deps.fetch ?? createGuardedFetch(outbound);
  // Films are relayed chunk by chunk in JavaScript (bytes counted, the end seen), which runs a
  // quarter faster on a raw socket than on a fetch body; same guard, same redirects.
  const vodFetch =
    deps.fetch ?? createGuardedFetch({ ...outbound, transport: outbound.transport ?? http1Transport() });
  const sources = createSourceCache(deps.sources, { ttlMs: config.sourcesTtlMs });
  let draining = false;

  const onEnded = (ended: EndedSession[]) => {
    // A live viewer is joined under its session key: an ended session closes its connection.
    live.revoke(new Set(ended.map((s) => s.key)));
    const reporter = deps.sessions;
    if (reporter === undefined) return;
    const sessions = ended.map(({ sid, gen }) => ({ sid, gen }));
    Promise.resolve()
      .then(() => reporter.ended(sessions))
      .catch((error: unknown) =>
        logger.warn({ sessions, ...errorFields(error) }, "session end report failed"),
      );
  };
  const store = new SessionStore({
    idleMs: config.sessionIdleMs,
    ...(deps.sessionSecret === undefined ? {} : { secret: deps.sessionSecret }),
    onEnded: (ended) => onEnded(ended),
  });
  const liveCounters = createLiveCounters();
  const live = createLiveHub({
    sources: async (streamId) => (await sources("live", streamId)).filter((source) => source.format === "ts"),
    slots: deps.upstreamSlots,
    fetch: upstreamFetch,
    config,
    counters: liveCounters,
    logger: logger.child({ component: "live" }),
  });
  const cache = new SegmentCache(config.cacheMb * 1024 * 1024);
  const hlsCounters = createHlsCounters();
  const hls = createHlsService({
    sources: async (session) =>
      (await sources(session.streamType, session.streamId)).filter((source) => source.format === "hls"),
    fetch: upstreamFetch,
    store,
    cache,
    config: {
      prefix: config.prefix,
      refreshMs: config.hlsRefreshMs,
      endedPlaylistTtlMs: config.hlsEndedTtlMs,
      staleMs: config.hlsStaleMs,
      upstreamTimeoutMs: config.upstreamTimeoutMs,
    },
    counters: hlsCounters,
    logger: logger.child({ component: "hls" }),
  });

  const context: EdgeContext = {
    config,
    verifier: deps.verifier,
    sources,
    store,
    live,
    liveCounters,
    hls,
    hlsCounters,
    cache,
    vod: {
      fetch: vodFetch,
      connectTimeoutMs: config.upstreamTimeoutMs,
      logger: logger.child({ component: "vod" }),
    },
    vodCounters: { bytesOut: 0 },
    tokenRejections: new Map(),
    logger,
    isDraining: () => draining,
  };

  function stats(): EdgeStats {
    const cacheStats = cache.stats();
    const bytesOutByProtocol = {
      live: liveCounters.bytesOut,
      hls: hlsCounters.bytesOut,
      vod: context.vodCounters.bytesOut,
    };
    return {
      nodeId: deps.nodeId,
      version: deps.version ?? "0.0.0",
      draining,
      viewers: liveCounters.viewers,
      upstreams: liveCounters.upstreamsOpen,
      sessions: store.size,
      bytesIn: liveCounters.bytesIn,
      bytesOut: bytesOutByProtocol.live + bytesOutByProtocol.hls + bytesOutByProtocol.vod,
      bytesOutByProtocol,
      droppedViewers: liveCounters.droppedViewers,
      failovers: liveCounters.failovers,
      hls: {
        cacheHits: cacheStats.hits,
        cacheMisses: cacheStats.misses,
        cacheBytes: cacheStats.bytes,
        cacheEntries: cacheStats.entries,
        coalesced: cacheStats.coalesced,
        playlistFetches: hlsCounters.playlistFetches,
        segmentFetches: hlsCounters.segmentFetches,
      },
      tokenRejections: Object.fromEntries(context.tokenRejections),
      channels: live.channels(),
      sessionList: store.list(),
    };
  }

  return {
    fetch: (request) => handleRequest(context, request, stats),
    stats,
    drain() {
      if (!draining) logger.info({}, "draining: new sessions are refused");
      draining = true;
    },
    revoke(revocations) {
      store.revoke(revocations.map((r) => (typeof r === "string" ? { sid: r } : r)));
    },
    async close() {
      draining = true;
      await live.close();
      store.close();
      cache.clear();
    },
  };
}
