/**
 * Streaming-node registry: admins and store owners declare nodes, nodes register with a
 * one-time secret, then report heartbeats and ask for channel sources and upstream slots.
 * The nodes' routes validate and document exactly the edge's wire contract (`wire`).
 */
import { NO_UPSTREAM_SLOT, REVOCATIONS_WAIT_MS, edgeApiContract as wire } from "@nevewatch/edge";
import { Elysia, t } from "elysia";
import { type AccessRule, accessPlugin, actorOf } from "../../auth/access.ts";
import type { Authenticate, Principal } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { problems } from "../../http/problem.ts";
import type { StreamDirectory } from "../streaming/mod.ts";
import { endScreenSession } from "../streaming/screen-sessions.ts";
import { CreatedNodeSchema, CreateNodeBody, NodeSchema, type StreamingNode } from "./model.ts";
import { getNode, listNodes } from "./repo.ts";
import { createRevocationFeed } from "./revocation-feed.ts";
import {
  authenticateNode,
  createNode,
  heartbeat,
  LEASE_TTL_MS,
  registerNode,
  rotateCredential,
  setAdminState,
  upstreamSlotKey,
} from "./service.ts";
import { nodeState } from "./state.ts";

export const NODE_ACCESS = {
  manage: { roles: ["platform_admin", "store_owner"] },
  read: { roles: ["platform_admin", "store_owner", "store_staff"], permission: "nodes.read" },
} as const satisfies Record<string, AccessRule>;

export function nodeDto(node: StreamingNode) {
  return {
    id: node._id,
    name: node.name,
    scope: node.scope,
    storeId: node.storeId,
    url: node.url,
    maxStreams: node.maxStreams,
    egressMbps: node.egressMbps,
    state: nodeState(node),
    lastHeartbeatAt: node.lastHeartbeatAt,
    version: node.version,
    load: node.load,
    createdAt: node.createdAt,
  };
}

/** Another store's private node is invisible (404), global nodes are readable by every store. */
async function visibleNode(
  ctx: AppContext,
  actor: Principal,
  id: string,
  write: boolean,
): Promise<StreamingNode> {
  const node = await getNode(ctx, id);
  const notFound = new AppError("not_found", "No such node");
  if (!node || node.admin === "removed") throw notFound;
  if (actor.role === "platform_admin") return node;
  if (node.scope === "store" && node.storeId === actor.storeId) return node;
  if (node.scope === "global" && !write) return node;
  throw write && node.scope === "global"
    ? new AppError("forbidden", "Only platform admins manage global nodes")
    : notFound;
}

const IdParams = t.Object({ id: t.String({ minLength: 1, maxLength: 64 }) });
const tags = ["nodes"];

export function nodesModule(ctx: AppContext, authenticate: Authenticate, directory: StreamDirectory) {
  const nodeAuth = new Elysia({ name: "node-auth" }).derive({ as: "scoped" }, ({ request, path }) =>
    path.startsWith("/v1/edge/") && !path.endsWith("/register")
      ? authenticateNode(ctx, request.headers.get("authorization")).then((node) => ({ node }))
      : { node: null as StreamingNode | null },
  );
  const requireNode = (node: StreamingNode | null): StreamingNode => {
    if (!node) throw new AppError("unauthorized", "A valid node credential is required");
    return node;
  };
  const revocations = createRevocationFeed(ctx);

  return new Elysia({ name: "nodes" })
    .use(accessPlugin(authenticate))
    .post(
      "/v1/nodes",
      async ({ body, principal, set }) => {
        const created = await createNode(ctx, actorOf(principal), body);
        set.status = 201;
        return { ...created, node: nodeDto(created.node) };
      },
      {
        access: NODE_ACCESS.manage,
        body: CreateNodeBody,
        response: { 201: CreatedNodeSchema, ...problems(400, 401, 403) },
        detail: { summary: "Declare a streaming node; returns its one-time registration secret", tags },
      },
    )
    .get(
      "/v1/nodes",
      async ({ principal, query }) => {
        const actor = actorOf(principal);
        const filter =
          actor.role === "platform_admin"
            ? { admin: { ne: "removed" } }
            : {
                admin: { ne: "removed" },
                $or: [{ scope: "global" }, { scope: "store", storeId: actor.storeId }],
              };
        const page = await listNodes(ctx, filter, query.cursor);
        return { items: page.items.map(nodeDto), nextCursor: page.nextCursor };
      },
      {
        access: NODE_ACCESS.read,
        query: t.Object({ cursor: t.Optional(t.String({ maxLength: 500 })) }),
        response: {
          200: t.Object({ items: t.Array(NodeSchema), nextCursor: t.Union([t.String(), t.Null()]) }),
          ...problems(400, 401, 403),
        },
        detail: {
          summary: "List the nodes serving the caller's store (all nodes for platform admins)",
          tags,
        },
      },
    )
    .get(
      "/v1/nodes/:id",
      async ({ principal, params }) => nodeDto(await visibleNode(ctx, actorOf(principal), params.id, false)),
      {
        access: NODE_ACCESS.read,
        params: IdParams,
        response: { 200: NodeSchema, ...problems(401, 403, 404) },
        detail: { summary: "One node with its state and last reported load", tags },
      },
    )
    .post(
      "/v1/nodes/:id/drain",
      async ({ principal, params }) => {
        const actor = actorOf(principal);
        return nodeDto(
          await setAdminState(ctx, actor, await visibleNode(ctx, actor, params.id, true), "draining"),
        );
      },
      {
        access: NODE_ACCESS.manage,
        params: IdParams,
        response: { 200: NodeSchema, ...problems(401, 403, 404) },
        detail: { summary: "Drain a node: no new viewers, existing ones finish", tags },
      },
    )
    .post(
      "/v1/nodes/:id/activate",
      async ({ principal, params }) => {
        const actor = actorOf(principal);
        return nodeDto(
          await setAdminState(ctx, actor, await visibleNode(ctx, actor, params.id, true), "enabled"),
        );
      },
      {
        access: NODE_ACCESS.manage,
        params: IdParams,
        response: { 200: NodeSchema, ...problems(401, 403, 404) },
        detail: { summary: "Return a drained node to service", tags },
      },
    )
    .post(
      "/v1/nodes/:id/rotate",
      async ({ principal, params }) => {
        const actor = actorOf(principal);
        return rotateCredential(ctx, actor, await visibleNode(ctx, actor, params.id, true));
      },
      {
        access: NODE_ACCESS.manage,
        params: IdParams,
        response: {
          200: t.Object({ registrationSecret: t.String(), registrationExpiresAt: t.String() }),
          ...problems(401, 403, 404),
        },
        detail: {
          summary: "Issue a new one-time secret; the node re-registers to get a new credential",
          tags,
        },
      },
    )
    .delete(
      "/v1/nodes/:id",
      async ({ principal, params, set }) => {
        const actor = actorOf(principal);
        await setAdminState(ctx, actor, await visibleNode(ctx, actor, params.id, true), "removed");
        set.status = 204;
      },
      {
        access: NODE_ACCESS.manage,
        params: IdParams,
        response: { 204: t.Void(), ...problems(401, 403, 404) },
        detail: { summary: "Remove a node from routing", tags },
      },
    )
    .post("/v1/edge/register", ({ body }) => registerNode(ctx, body), {
      access: { roles: "public" },
      body: wire.RegisterRequest,
      response: { 200: wire.RegisterResponse, ...problems(400, 401) },
      detail: {
        summary: "Node: exchange the one-time registration secret for a credential (once)",
        tags: ["edge"],
      },
    })
    .use(nodeAuth)
    .post("/v1/edge/heartbeat", ({ node, body }) => heartbeat(ctx, requireNode(node), body), {
      access: { roles: "public" },
      body: wire.HeartbeatRequest,
      response: { 200: wire.HeartbeatResponse, ...problems(400, 401) },
      detail: { summary: "Node: report load and sessions; renews their leases", tags: ["edge"] },
    })
    .get(
      "/v1/edge/streams/:type/:id/sources",
      async ({ node, params }) => {
        const self = requireNode(node);
        const info = await directory.describe(params.type, params.id);
        if (!info || (self.scope === "store" && self.storeId !== info.storeId))
          throw new AppError("not_found", "No such stream");
        return { streamId: info.id, type: info.type, sources: await directory.sources(info) };
      },
      {
        access: { roles: "public" },
        params: wire.SourcesParams,
        detail: { summary: "Node: a stream's upstream sources in priority order", tags: ["edge"] },
        response: { 200: wire.SourcesResponse, ...problems(401, 404) },
      },
    )
    .post(
      "/v1/edge/upstreams/acquire",
      async ({ node, body, set }) => {
        const self = requireNode(node);
        if (!body.accountId) return { ok: true as const };
        const limit = await directory.accountLimit(body.accountId);
        const ok = await ctx.cache.slotAcquire(
          upstreamSlotKey(body.accountId),
          `${self._id}:${body.streamId}`,
          limit,
          LEASE_TTL_MS,
        );
        if (!ok) {
          set.headers["retry-after"] = String(NO_UPSTREAM_SLOT.retryAfterSeconds);
          throw new AppError(NO_UPSTREAM_SLOT.code, "Every connection of this upstream account is in use", {
            accountId: body.accountId,
            limit,
          });
        }
        return { ok: true as const };
      },
      {
        access: { roles: "public" },
        body: wire.UpstreamLeaseRequest,
        response: { 200: wire.OkResponse, ...problems(400, 401, NO_UPSTREAM_SLOT.status) },
        detail: {
          summary: "Node: take one connection slot of an upstream account for a channel",
          tags: ["edge"],
        },
      },
    )
    .post(
      "/v1/edge/upstreams/release",
      async ({ node, body }) => {
        const self = requireNode(node);
        if (body.accountId)
          await ctx.cache.slotRelease(upstreamSlotKey(body.accountId), `${self._id}:${body.streamId}`);
        return { ok: true as const };
      },
      {
        access: { roles: "public" },
        body: wire.UpstreamLeaseRequest,
        response: { 200: wire.OkResponse, ...problems(400, 401) },
        detail: { summary: "Node: give back an upstream account slot", tags: ["edge"] },
      },
    )
    .post(
      "/v1/edge/sessions/end",
      async ({ node, body }) => {
        requireNode(node);
        await Promise.all(body.sessions.map((session) => endScreenSession(ctx, session)));
        return { ok: true as const };
      },
      {
        access: { roles: "public" },
        body: wire.EndSessionsRequest,
        response: { 200: wire.OkResponse, ...problems(400, 401) },
        detail: { summary: "Node: viewers disconnected; release their screens now", tags: ["edge"] },
      },
    )
    .get(
      "/v1/edge/revocations",
      async ({ node, query }) => {
        requireNode(node);
        return revocations.wait(query.after ?? 0, REVOCATIONS_WAIT_MS);
      },
      {
        access: { roles: "public" },
        query: wire.RevocationsQuery,
        response: { 200: wire.RevocationsResponse, ...problems(400, 401) },
        detail: {
          summary: "Node: long poll (up to 20 s) for revoked screens, whose streams must end now",
          tags: ["edge"],
        },
      },
    )
    .onStop(() => revocations.close());
}
