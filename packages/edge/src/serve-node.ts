/**
 * `serve`: the standalone edge node. Wires the edge core to the API (sources, upstream slots,
 * session ends, heartbeat), listens, and drains gracefully on SIGTERM: new sessions get 503,
 * existing ones run on until they finish or the drain deadline passes.
 */
import { ApiError, createApiClient } from "./api-client.ts";
import type { NodeConfig } from "./config.ts";
import { resolveCredential } from "./credential.ts";
import { type Heartbeat, startHeartbeat } from "./heartbeat.ts";
import { errorFields, type Logger } from "./logger.ts";
import { watchRevocations } from "./revocation-watch.ts";
import { serveNodeHttp } from "./server/adapter/serve-node-http.ts";
import { createEdge, type Edge } from "./server/create-edge.ts";
import { createTokenVerifier } from "./token/create-token-verifier.ts";
import type { UpstreamSlots } from "./upstream/source.ts";

export interface RunningNode {
  url: string;
  edge: Edge;
  heartbeat: Heartbeat;
  /** Drains and stops; resolves when the node is done. */
  shutdown(reason: string): Promise<void>;
}

export async function serveNode(
  config: Readonly<NodeConfig>,
  version: string,
  logger: Logger,
): Promise<RunningNode> {
  const anonymous = createApiClient({ baseUrl: config.apiUrl, nodeId: config.nodeId });
  const credential = await resolveCredential(config, anonymous, version, logger);
  const api = createApiClient({ baseUrl: config.apiUrl, nodeId: config.nodeId, credential });

  const slots: UpstreamSlots = {
    acquire: (streamId, source) =>
      source.accountId === null
        ? true
        : api.acquire({ streamId, sourceId: source.id, accountId: source.accountId }),
    release: (streamId, source) =>
      source.accountId === null
        ? undefined
        : api.release({ streamId, sourceId: source.id, accountId: source.accountId }),
  };
  const edge = createEdge({
    nodeId: config.nodeId,
    version,
    verifier: createTokenVerifier({
      publicKey: config.routePublicKey,
      nodeId: config.nodeId,
      clockSkewSec: config.clockSkewSec,
    }),
    sources: async (type, streamId) => {
      try {
        return await api.sources(type, streamId);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return [];
        throw error;
      }
    },
    upstreamSlots: slots,
    sessions: { ended: (sessions) => api.endSessions(sessions) },
    // The API's own origin serves the demo channels; everything else must be public.
    outbound: { allowPrivate: config.outboundAllowPrivate, allowOrigins: [new URL(config.apiUrl).origin] },
    logger,
    config: {
      prefix: config.prefix,
      cacheMb: config.cacheMb,
      viewerQueueBytes: config.viewerQueueBytes,
      ringBytes: config.ringBytes,
      lingerMs: config.lingerMs,
      stallTimeoutMs: config.stallTimeoutMs,
      sessionIdleMs: config.sessionIdleMs,
      sourcesTtlMs: config.sourcesTtlMs,
    },
  });

  const handler = (request: Request) => edge.fetch(request);
  const server: { port: number; stop(): Promise<void> } =
    config.httpServer === "node"
      ? // node:http keeps Content-Length on streamed VOD bodies, at some CPU cost.
        await serveNodeHttp(
          {
            hostname: config.listen.host,
            port: config.listen.port,
            idleTimeoutSec: config.idleTimeoutSec,
            logger,
          },
          handler,
        )
      : bunServer(config, handler);
  const url = `http://${config.listen.host}:${server.port}`;

  let shuttingDown: Promise<void> | undefined;
  const heartbeat = startHeartbeat({
    edge,
    api,
    intervalMs: config.heartbeatMs,
    logger,
    onDrain: () => {
      logger.info({}, "API asked this node to drain");
      edge.drain();
    },
  });
  await heartbeat.beat();
  const revocations = watchRevocations({ edge, api, logger });
  logger.info({ url, publicUrl: config.publicUrl, nodeId: config.nodeId, version }, "edge listening");

  async function drainAndStop(reason: string): Promise<void> {
    logger.info({ reason, deadlineMs: config.drainTimeoutMs }, "draining");
    edge.drain();
    await heartbeat.beat();
    const deadline = Date.now() + config.drainTimeoutMs;
    while (Date.now() < deadline) {
      const stats = edge.stats();
      if (stats.viewers === 0 && stats.sessions === 0) break;
      await Bun.sleep(200);
    }
    const left = edge.stats();
    logger.info({ viewers: left.viewers, sessions: left.sessions }, "drain finished; stopping");
    heartbeat.stop();
    revocations.stop();
    await edge.close();
    await server.stop();
  }

  return {
    url,
    edge,
    heartbeat,
    shutdown(reason) {
      shuttingDown ??= drainAndStop(reason).catch((error: unknown) => {
        logger.error(errorFields(error), "shutdown failed");
      });
      return shuttingDown;
    },
  };
}

function bunServer(config: NodeConfig, handler: (request: Request) => Promise<Response>) {
  const server = Bun.serve({
    hostname: config.listen.host,
    port: config.listen.port,
    idleTimeout: config.idleTimeoutSec,
    fetch: handler,
  });
  return { port: server.port ?? 0, stop: () => server.stop(true) };
}
