/**
 * The API's own edge, in process: the same proxy library an edge node runs, fed directly
 * from the catalog and the cache (no HTTP to itself). It serves the embedded single-process
 * platform and is the fallback when no node is healthy. Its upstream fetches follow the imports'
 * SSRF policy: public addresses, plus the API's own origin (the demo origin), unless
 * `OUTBOUND_ALLOW_PRIVATE`. It has no heartbeat to send, so a lease keeper does what a node's
 * heartbeat does: every 10 s it renews the screen leases of its sessions and the upstream-account
 * slots of its channels (both lapse 30 s after a crash, rather than holding a provider's
 * connection for a day), and stops the sessions whose lease is gone (subscription ended). It
 * also listens to the revocations the API publishes (sign-out, kick, plan end, the device's
 * newer route), so those streams end at once rather than at the next renewal.
 */
import { createEdge, createTokenVerifier, type Edge } from "@nevewatch/edge";
import type { AppContext } from "../../context.ts";
import { outboundPolicy } from "../../net/guarded-fetch.ts";
import { OUTBOUND_SETTING } from "../../net/outbound-error.ts";
import { LEASE_TTL_MS, renewLeases, upstreamSlotKey } from "../nodes/service.ts";
import { parseRevocations, REVOCATIONS_TOPIC } from "../screens/mod.ts";
import type { StreamDirectory } from "./directory.ts";
import { API_NODE_ID } from "./route.ts";
import { endScreenSession } from "./screen-sessions.ts";

export const EMBEDDED_EDGE_PREFIX = "/edge";

export function createEmbeddedEdge(
  ctx: AppContext,
  directory: StreamDirectory,
  publicKey: string,
  options: { renewEveryMs?: number; upstreamLeaseMs?: number } = {},
): Edge {
  const edge = createEdge({
    nodeId: API_NODE_ID,
    verifier: createTokenVerifier({ publicKey, nodeId: API_NODE_ID }),
    sources: async (type, streamId) => {
      const info = await directory.describe(type, streamId);
      return info ? directory.sources(info) : [];
    },
    upstreamSlots: {
      async acquire(streamId, source) {
        if (!source.accountId) return true;
        const limit = await directory.accountLimit(source.accountId);
        return ctx.cache.slotAcquire(
          upstreamSlotKey(source.accountId),
          `${API_NODE_ID}:${streamId}`,
          limit,
          options.upstreamLeaseMs ?? LEASE_TTL_MS,
        );
      },
      async release(streamId, source) {
        if (source.accountId)
          await ctx.cache.slotRelease(upstreamSlotKey(source.accountId), `${API_NODE_ID}:${streamId}`);
      },
    },
    sessions: {
      async ended(sessions) {
        await Promise.all(sessions.map((session) => endScreenSession(ctx, session)));
      },
    },
    outbound: { ...outboundPolicy(ctx.config), setting: OUTBOUND_SETTING },
    logger: ctx.log.child({ component: "embedded-edge" }),
    config: { prefix: EMBEDDED_EDGE_PREFIX },
  });
  let renewing = Promise.resolve();
  const keeper = setInterval(
    () => {
      const stats = edge.stats();
      renewing = renewLeases(ctx, API_NODE_ID, { sessions: stats.sessionList, channels: stats.channels })
        .then((gone) => {
          if (gone.length > 0) edge.revoke(gone);
        })
        .catch((error: unknown) => ctx.log.warn({ err: error }, "screen lease renewal failed"));
    },
    options.renewEveryMs ?? LEASE_TTL_MS / 3,
  );
  keeper.unref();
  const listening = ctx.cache
    .subscribe(REVOCATIONS_TOPIC, (message) => {
      const revocations = parseRevocations(message);
      if (revocations.length > 0) edge.revoke(revocations);
    })
    .catch((error: unknown) => {
      ctx.log.warn({ err: error }, "revocations subscription failed; renewals still end revoked streams");
      return async () => {};
    });
  return {
    fetch: (request) => edge.fetch(request),
    stats: () => edge.stats(),
    drain: () => edge.drain(),
    revoke: (revocations) => edge.revoke(revocations),
    async close() {
      clearInterval(keeper);
      await (await listening)();
      await renewing;
      await edge.close();
    },
  };
}
