/**
 * The node route: may this viewer watch this stream on a new screen now, and if so, from
 * which node, with a short-lived Ed25519 token only that node accepts.
 */
import { signRouteToken } from "@nevewatch/edge";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { canWatch } from "../entitlements/mod.ts";
import { nodesServing } from "../nodes/repo.ts";
import { LEASE_TTL_MS } from "../nodes/service.ts";
import { nodeState } from "../nodes/state.ts";
import { acquireScreen, publishRevocations } from "../screens/mod.ts";
import type { StreamDirectory, StreamFormat, StreamInfo, StreamType } from "./directory.ts";
import { rememberScreenSession } from "./screen-sessions.ts";
import { type Candidate, selectNode } from "./select.ts";

/** The API's own in-process edge: the fallback when no node is healthy, and the embedded default. */
export const API_NODE_ID = "api";

export interface RouteRequest {
  storeId: string;
  viewerId: string;
  /** Screen session: the device login (refresh family) or a player line's connection key. */
  sessionId: string;
  streamType: StreamType;
  streamId: string;
  format?: StreamFormat;
  device?: string;
  /** The device's login session (refresh family), so signing it out ends this screen. */
  login?: string;
}

export interface NodeRoute {
  nodeId: string;
  nodeUrl: string;
  url: string;
  token: string;
  expiresIn: number;
  format: StreamFormat;
  sessionId: string;
  /** The route's generation on its screen: a release naming it frees nothing newer. */
  gen: number;
}

export interface RoutingDeps {
  ctx: AppContext;
  directory: StreamDirectory;
  privateKey: string;
  /** Base URL of the API's embedded edge, e.g. `${PUBLIC_URL}/edge`; null when disabled. */
  apiEdgeUrl: string | null;
}

const assignKey = (nodeId: string) => `node-assign:${nodeId}`;

type Routable = Candidate & { url: string };

async function candidates(ctx: AppContext, storeId: string): Promise<Routable[]> {
  const nodes = await nodesServing(ctx, storeId);
  const healthy = nodes.filter((n) => n.url && nodeState(n) === "active");
  return Promise.all(
    healthy.map(async (n) => {
      // Viewers routed since the last heartbeat count too, so a burst does not overfill a node.
      const recent = Number((await ctx.cache.get(assignKey(n._id))) ?? 0);
      return {
        id: n._id,
        url: n.url ?? "",
        private: n.scope === "store",
        load: (n.load?.sessions ?? 0) + recent,
        capacity: n.maxStreams,
      };
    }),
  );
}

/** A requested live format is a preference: honoured when some source has it, else the stream's own. */
async function liveFormat(
  directory: StreamDirectory,
  info: StreamInfo,
  wanted?: StreamFormat,
): Promise<StreamFormat> {
  if (!wanted || wanted === info.format) return info.format;
  const sources = await directory.sources(info);
  return sources.some((s) => s.format === wanted) ? wanted : info.format;
}

export function streamPath(type: StreamType, format: StreamFormat, streamId: string): string {
  const id = encodeURIComponent(streamId);
  if (type !== "live") return `/vod/${type}/${id}`;
  return format === "hls" ? `/hls/${id}/index.m3u8` : `/live/${id}.ts`;
}

export async function routeStream(deps: RoutingDeps, request: RouteRequest): Promise<NodeRoute> {
  const { ctx, directory } = deps;
  const info = await directory.describe(request.streamType, request.streamId);
  if (!info || info.storeId !== request.storeId) throw new AppError("not_found", "No such stream");
  const decision = await canWatch(ctx, {
    storeId: request.storeId,
    viewerId: request.viewerId,
    streamId: info.id,
    packageIds: info.packageIds,
  });
  if (!decision.allowed) throw new AppError(decision.code, decision.message);
  const screen = await acquireScreen(ctx, {
    storeId: request.storeId,
    viewerId: request.viewerId,
    sessionId: request.sessionId,
    ttlMs: LEASE_TTL_MS,
    limit: decision.screens,
    streamId: info.id,
    ...(request.device ? { device: request.device } : {}),
    ...(request.login ? { login: request.login } : {}),
  });
  if (!screen.ok)
    throw new AppError("screen_limit_reached", `All ${screen.limit} screens of your plan are in use`, {
      limit: screen.limit,
      active: screen.active,
    });
  await rememberScreenSession(ctx, request.sessionId, {
    storeId: request.storeId,
    viewerId: request.viewerId,
  });
  // The device moved on: its previous stream ends on whichever edge carries it, now.
  if (screen.previousGen !== null)
    await publishRevocations(ctx, [{ sid: request.sessionId, upTo: screen.previousGen }]);

  const chosen = selectNode(await candidates(ctx, request.storeId), info.id) as Routable | null;
  const node: { id: string; url: string } | null =
    chosen ?? (deps.apiEdgeUrl ? { id: API_NODE_ID, url: deps.apiEdgeUrl } : null);
  if (!node) throw new AppError("no_healthy_node", "No streaming node can take this viewer right now");
  if (chosen) await ctx.cache.incr(assignKey(chosen.id), 1, 10_000);

  const format: StreamFormat =
    request.streamType === "live" ? await liveFormat(deps.directory, info, request.format) : "file";
  const ttl = ctx.config.ROUTE_TOKEN_TTL_SEC;
  const token = await signRouteToken(
    deps.privateKey,
    {
      aud: node.id,
      sub: request.viewerId,
      sid: request.sessionId,
      sto: request.storeId,
      stm: info.id,
      stt: request.streamType,
      fmt: format,
      gen: screen.gen,
    },
    { ttlSec: ttl },
  );
  const nodeUrl = node.url.replace(/\/+$/, "");
  return {
    nodeId: node.id,
    nodeUrl,
    url: `${nodeUrl}${streamPath(request.streamType, format, info.id)}?token=${encodeURIComponent(token)}`,
    token,
    expiresIn: ttl,
    format,
    sessionId: request.sessionId,
    gen: screen.gen,
  };
}
