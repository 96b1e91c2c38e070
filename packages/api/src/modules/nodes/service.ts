/**
 * Node lifecycle: creation with a one-time registration secret, the exchange of that secret
 * for a long-lived credential, credential checks, heartbeats and admin actions.
 */

import { recordAudit } from "../../audit/mod.ts";
import type { Principal } from "../../auth/principal.ts";
import { randomSecret } from "../../auth/secrets.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { type Revocation, renewScreen } from "../screens/mod.ts";
import type { NodeLoad, StreamingNode } from "./model.ts";
import { findNodeBy, getNode, insertNode, updateNode } from "./repo.ts";
import { nodeState } from "./state.ts";

type Ctx = Pick<AppContext, "store" | "cache" | "config" | "realtime">;

const REGISTRATION_TTL_MS = 24 * 3600_000;
/** Screen and upstream leases renewed by a heartbeat live this long without the next one. */
export const LEASE_TTL_MS = 30_000;

/** Secrets are high-entropy, so a keyed SHA-256 (pepper from config) is the right hash. */
export function hashNodeSecret(ctx: Pick<AppContext, "config">, secret: string): string {
  return new Bun.CryptoHasher("sha256", ctx.config.NODE_SECRET_PEPPER).update(secret).digest("hex");
}

export interface CreateNodeInput {
  name: string;
  scope: "global" | "store";
  storeId?: string;
  maxStreams: number;
  egressMbps: number;
}

export async function createNode(ctx: Ctx, actor: Principal, input: CreateNodeInput) {
  const storeId =
    input.scope === "store" ? (actor.role === "platform_admin" ? input.storeId : actor.storeId) : null;
  if (input.scope === "global" && actor.role !== "platform_admin")
    throw new AppError("forbidden", "Only platform admins create global nodes");
  if (input.scope === "store" && !storeId)
    throw new AppError("validation_failed", "A store node needs storeId", {
      errors: [{ path: "/storeId", message: "Required for scope store" }],
    });
  const secret = randomSecret("nwr_");
  const expiresAt = new Date(Date.now() + REGISTRATION_TTL_MS).toISOString();
  const node = await insertNode(ctx, {
    name: input.name,
    scope: input.scope,
    storeId: storeId ?? null,
    url: null,
    maxStreams: input.maxStreams,
    egressMbps: input.egressMbps,
    admin: "enabled",
    registrationHash: hashNodeSecret(ctx, secret),
    registrationExpiresAt: expiresAt,
    credentialHash: null,
    lastHeartbeatAt: null,
    version: null,
    load: null,
    createdAt: new Date().toISOString(),
  });
  await recordAudit(ctx, {
    actor,
    action: "node.create",
    storeId: node.storeId,
    target: { type: "node", id: node._id },
    after: { name: node.name, scope: node.scope },
  });
  return { node, registrationSecret: secret, registrationExpiresAt: expiresAt };
}

/** Exchanges the one-time secret for a credential; a second use of the secret is refused. */
export async function registerNode(
  ctx: Ctx,
  input: { nodeId: string; registrationSecret: string; url: string; version: string },
): Promise<{ nodeId: string; credential: string }> {
  const node = await getNode(ctx, input.nodeId);
  const refused = new AppError("unauthorized", "Registration secret is invalid, expired or already used");
  if (!node || node.admin === "removed" || node.registrationHash === null) throw refused;
  if (node.registrationHash !== hashNodeSecret(ctx, input.registrationSecret)) throw refused;
  if (node.registrationExpiresAt && Date.parse(node.registrationExpiresAt) < Date.now()) throw refused;
  const credential = randomSecret("nwn_");
  // The version check makes a concurrent second exchange of the same secret lose.
  const updated = await updateNode(
    ctx,
    node._id,
    {
      registrationHash: null,
      registrationExpiresAt: null,
      credentialHash: hashNodeSecret(ctx, credential),
      url: input.url,
      version: input.version,
    },
    node._v,
  ).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "version_conflict") throw refused;
    throw error;
  });
  if (!updated) throw refused;
  await recordAudit(ctx, {
    actor: null,
    action: "node.register",
    storeId: node.storeId,
    target: { type: "node", id: node._id },
  });
  return { nodeId: node._id, credential };
}

/** Resolves `Authorization: Node <id>:<credential>` to the node, or throws 401. */
export async function authenticateNode(ctx: Ctx, header: string | null): Promise<StreamingNode> {
  const match = header?.match(/^Node\s+([^:\s]+):(\S+)$/);
  const refused = new AppError("unauthorized", "A valid node credential is required");
  if (!match?.[1] || !match[2]) throw refused;
  const node = await getNode(ctx, match[1]);
  if (!node || node.admin === "removed" || node.credentialHash !== hashNodeSecret(ctx, match[2]))
    throw refused;
  return node;
}

export interface HeartbeatInput extends Omit<NodeLoad, "sessions" | "channels"> {
  version: string;
  draining?: boolean | undefined;
  sessions: Array<{ sid: string; gen: number; viewerId: string; storeId: string; streamId: string }>;
  channels: NodeLoad["channels"];
}

/**
 * Renews what an edge still holds (a node's heartbeat, the embedded edge's lease keeper): the
 * screen leases of its sessions and the upstream-account slots of its channels. Answers the
 * sessions the edge must stop: their screen was revoked (sign-out, kick, plan end) or has moved
 * to a newer route (the device zapped, possibly onto another node).
 */
export async function renewLeases(
  ctx: Pick<AppContext, "store" | "cache">,
  nodeId: string,
  held: {
    sessions: ReadonlyArray<{ sid: string; gen: number; viewerId: string; storeId: string }>;
    channels: ReadonlyArray<{ streamId: string; accountId?: string | null | undefined }>;
  },
): Promise<Revocation[]> {
  const gone: Revocation[] = [];
  await Promise.all([
    ...held.sessions.map(async (s) => {
      const kept = await renewScreen(ctx, {
        storeId: s.storeId,
        viewerId: s.viewerId,
        sessionId: s.sid,
        gen: s.gen,
        ttlMs: LEASE_TTL_MS,
      });
      if (kept !== "ok") gone.push({ sid: s.sid, upTo: s.gen });
    }),
    ...held.channels.map(async ({ streamId, accountId }) => {
      if (accountId)
        await ctx.cache.slotRenew(upstreamSlotKey(accountId), `${nodeId}:${streamId}`, LEASE_TTL_MS);
    }),
  ]);
  return gone;
}

/** Records load, renews the leases of the sessions and upstreams the node still serves. */
export async function heartbeat(ctx: Ctx, node: StreamingNode, input: HeartbeatInput) {
  const load: NodeLoad = {
    cpuPercent: input.cpuPercent,
    memoryBytes: input.memoryBytes,
    sessions: input.sessions.length,
    upstreams: input.upstreams,
    egressBps: input.egressBps,
    droppedViewers: input.droppedViewers,
    failovers: input.failovers,
    channels: input.channels,
  };
  const before = nodeState(node);
  const updated =
    (await updateNode(ctx, node._id, {
      lastHeartbeatAt: new Date().toISOString(),
      version: input.version,
      load,
      selfDraining: input.draining === true,
    })) ?? node;
  const revokedSessions = await renewLeases(ctx, node._id, input);
  const state = nodeState(updated);
  if (state !== before) await ctx.realtime.publish(nodeTopic(updated), { id: updated._id, state, load });
  return { status: state, drain: updated.admin === "draining", revokedSessions };
}

export const upstreamSlotKey = (accountId: string) => `upstream:${accountId}`;

export function nodeTopic(node: Pick<StreamingNode, "storeId">): string {
  return node.storeId ? `stores/${node.storeId}/nodes` : "platform/nodes";
}

export async function setAdminState(
  ctx: Ctx,
  actor: Principal,
  node: StreamingNode,
  admin: StreamingNode["admin"],
) {
  const updated = await updateNode(ctx, node._id, { admin });
  await recordAudit(ctx, {
    actor,
    action: `node.${admin === "enabled" ? "activate" : admin === "draining" ? "drain" : "remove"}`,
    storeId: node.storeId,
    target: { type: "node", id: node._id },
    before: { admin: node.admin },
    after: { admin },
  });
  if (updated) await ctx.realtime.publish(nodeTopic(updated), { id: updated._id, state: nodeState(updated) });
  return updated ?? node;
}

export async function rotateCredential(ctx: Ctx, actor: Principal, node: StreamingNode) {
  const secret = randomSecret("nwr_");
  const registrationExpiresAt = new Date(Date.now() + REGISTRATION_TTL_MS).toISOString();
  await updateNode(ctx, node._id, { registrationHash: hashNodeSecret(ctx, secret), registrationExpiresAt });
  await recordAudit(ctx, {
    actor,
    action: "node.rotate",
    storeId: node.storeId,
    target: { type: "node", id: node._id },
  });
  return { registrationSecret: secret, registrationExpiresAt };
}

export { findNodeBy };
