/**
 * Streaming on the API side: the node route (`GET /v1/streaming/node-route`), the embedded
 * edge at `/edge/*`, and `routeFor`, which the player API's stream URLs redirect through.
 */

import { type Edge, STREAM_TYPES } from "@nevewatch/edge";
import { Elysia, t } from "elysia";
import { accessPlugin, actorOf } from "../../auth/access.ts";
import { enumOf } from "../../auth/enum.ts";
import type { Authenticate } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { problems } from "../../http/problem.ts";
import { targetStore, tenancyPlugin } from "../tenancy/mod.ts";
import type { StreamDirectory } from "./directory.ts";
import { createEmbeddedEdge, EMBEDDED_EDGE_PREFIX } from "./embedded-edge.ts";
import { loadRouteKeys } from "./keys.ts";
import { type NodeRoute, type RouteRequest, type RoutingDeps, routeStream } from "./route.ts";

export type { EdgeSource, StreamDirectory, StreamInfo } from "./directory.ts";
export { API_NODE_ID, type NodeRoute, type RouteRequest } from "./route.ts";

export const STREAMING_ACCESS = { route: { roles: ["viewer"] } } as const;

const NodeRouteSchema = t.Object(
  {
    nodeId: t.String(),
    nodeUrl: t.String(),
    url: t.String({ description: "Ready-to-play URL on the chosen node, token included" }),
    token: t.String({ description: "Ed25519 route token (EdDSA JWS) only the chosen node accepts" }),
    expiresIn: t.Integer({ description: "Seconds until the token expires; HLS sessions continue past it" }),
    format: t.Union([t.Literal("ts"), t.Literal("hls"), t.Literal("file")]),
    sessionId: t.String({
      description: "The screen this route holds (see DELETE /v1/me/screens/{sessionId})",
    }),
    gen: t.Integer({
      description: "The route's generation on its screen; pass it when releasing the screen",
    }),
  },
  {
    examples: [
      {
        nodeId: "api",
        nodeUrl: "http://127.0.0.1:8080/edge",
        url: "http://127.0.0.1:8080/edge/hls/0193…/index.m3u8?token=eyJ…",
        token: "eyJhbGciOiJFZERTQSJ9.…",
        expiresIn: 60,
        format: "hls",
        sessionId: "0193a1f2-…",
        gen: 1765159200123,
      },
    ],
  },
);

export interface Streaming {
  route(request: RouteRequest): Promise<NodeRoute>;
  edge(): Promise<Edge>;
  close(): Promise<void>;
}

/** One per API process: keys loaded once, the embedded edge created on first use. */
export function createStreaming(ctx: AppContext, directory: StreamDirectory): Streaming {
  const keys = loadRouteKeys(ctx.config);
  let edge: Promise<Edge> | undefined;
  const deps = keys.then(
    (k): RoutingDeps => ({
      ctx,
      directory,
      privateKey: k.privateKey,
      apiEdgeUrl: ctx.config.EMBEDDED_EDGE ? `${ctx.config.PUBLIC_URL}${EMBEDDED_EDGE_PREFIX}` : null,
    }),
  );
  return {
    async route(request) {
      return routeStream(await deps, request);
    },
    edge() {
      edge ??= keys.then((k) => createEmbeddedEdge(ctx, directory, k.publicKey));
      return edge;
    },
    async close() {
      if (edge) await (await edge).close();
    },
  };
}

export function streamingModule(ctx: AppContext, authenticate: Authenticate, streaming: Streaming) {
  // The embedded edge comes before the tenancy plugin: it serves players by route token alone.
  return new Elysia({ name: "streaming" })
    .use(accessPlugin(authenticate))
    .all(`${EMBEDDED_EDGE_PREFIX}/*`, async ({ request }) => (await streaming.edge()).fetch(request), {
      detail: { hide: true },
    })
    .use(tenancyPlugin(ctx))
    .get(
      "/v1/streaming/node-route",
      async ({ principal, tenant, query }) => {
        const viewer = actorOf(principal);
        const storeId = targetStore(viewer, tenant);
        const sessionId = query.screen ?? viewer.sessionId;
        if (!sessionId)
          throw new AppError("bad_request", "Pass ?screen=<device id> when not signed in on a device");
        return streaming.route({
          storeId,
          viewerId: viewer.id,
          sessionId: `${viewer.id}:${sessionId}`,
          ...(viewer.sessionId ? { login: viewer.sessionId } : {}),
          streamType: query.streamType,
          streamId: query.streamId,
          ...(query.format ? { format: query.format } : {}),
        });
      },
      {
        access: STREAMING_ACCESS.route,
        query: t.Object({
          streamId: t.String({ minLength: 1, maxLength: 200 }),
          streamType: enumOf(STREAM_TYPES, { description: "`vod` plays a movie, `series` an episode" }),
          format: t.Optional(t.Union([t.Literal("ts"), t.Literal("hls")])),
          screen: t.Optional(t.String({ minLength: 1, maxLength: 128, pattern: "^[A-Za-z0-9._-]+$" })),
        }),
        response: { 200: NodeRouteSchema, ...problems(400, 401, 403, 404, 409, 503) },
        detail: {
          summary: "Choose the node for a stream and sign a short-lived route token for it",
          description:
            "Checks the viewer's plan (codes no_subscription, subscription_expired, subscription_suspended, not_in_plan), takes a screen lease (screen_limit_reached), picks a healthy node with channel affinity (no_healthy_node).",
          tags: ["streaming"],
        },
      },
    );
}
