/**
 * Test harness: a real edge on 127.0.0.1 behind Bun.serve (as the node runs it by default and the
 * API embeds it) or behind node:http (EDGE_HTTP_SERVER=node); a route key pair, and helpers to mint tokens and URLs.
 * Sources are whatever the test puts in `sources`. The test origins listen on 127.0.0.1, so the
 * SSRF guard lets private addresses through unless a test passes its own `outbound` policy.
 */
import { silentLogger } from "../src/logger.ts";
import { type NodeHttpServer, serveNodeHttp } from "../src/server/adapter/serve-node-http.ts";
import { createEdge, type Edge, type EdgeDeps } from "../src/server/create-edge.ts";
import type { EdgeConfig } from "../src/server/edge-config.ts";
import type { RouteTokenInput, StreamFormat, StreamType } from "../src/token/claims.ts";
import { createTokenVerifier } from "../src/token/create-token-verifier.ts";
import { generateRouteKeyPair, type RouteKeyPair } from "../src/token/keys.ts";
import { signRouteToken } from "../src/token/sign-route-token.ts";
import type { Source } from "../src/upstream/source.ts";

export const NODE_ID = "edge-test-1";

export interface Harness {
  edge: Edge;
  base: string;
  keys: RouteKeyPair;
  sources: Map<string, Source[]>;
  ended: string[];
  token(
    stm: string,
    stt: StreamType,
    fmt: StreamFormat,
    extra?: Partial<RouteTokenInput>,
    ttlSec?: number,
  ): Promise<string>;
  stop(): Promise<void>;
}

async function listen(
  kind: "node" | "bun",
  handler: (request: Request) => Promise<Response>,
): Promise<NodeHttpServer> {
  if (kind === "node") {
    return serveNodeHttp(
      { hostname: "127.0.0.1", port: 0, idleTimeoutSec: 0, logger: silentLogger },
      handler,
    );
  }
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, idleTimeout: 0, fetch: handler });
  return { port: server.port ?? 0, stop: () => server.stop(true) };
}

export async function startEdge(
  config: Partial<EdgeConfig> = {},
  extra: Partial<Omit<EdgeDeps, "verifier" | "sources" | "nodeId">> & {
    clock?: () => number;
    /** The HTTP server in front of the edge: Bun.serve (the default, as the node and the API run it) or node:http. */
    server?: "node" | "bun";
  } = {},
): Promise<Harness> {
  const keys = await generateRouteKeyPair();
  const sources = new Map<string, Source[]>();
  const ended: string[] = [];
  const { clock, server: kind = "bun", ...rest } = extra;
  const edge = createEdge({
    nodeId: NODE_ID,
    version: "test",
    verifier: createTokenVerifier({
      publicKey: keys.publicKey,
      nodeId: NODE_ID,
      clockSkewSec: 0,
      ...(clock === undefined ? {} : { now: clock }),
    }),
    sources: async (type, id) => sources.get(`${type}/${id}`) ?? [],
    sessions: { ended: (sessions) => void ended.push(...sessions.map((s) => s.sid)) },
    config: { sourcesTtlMs: 0, ...config },
    outbound: { allowPrivate: true, allowOrigins: [] },
    ...rest,
  });
  const server = await listen(kind, (request) => edge.fetch(request));
  let sid = 0;
  return {
    edge,
    base: `http://127.0.0.1:${server.port}`,
    keys,
    sources,
    ended,
    async token(stm, stt, fmt, more = {}, ttlSec = 60) {
      sid += 1;
      const input: RouteTokenInput = {
        aud: NODE_ID,
        sub: `viewer-${sid}`,
        sid: `screen-${sid}`,
        sto: "store-1",
        stm,
        stt,
        fmt,
        ...more,
      };
      return signRouteToken(keys.privateKey, input, {
        ttlSec,
        ...(clock === undefined ? {} : { now: clock() }),
      });
    },
    async stop() {
      await edge.close();
      await server.stop();
    },
  };
}
