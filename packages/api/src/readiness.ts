/**
 * What readiness checks: each dependency the routes need, probed the way the routes use it, so a
 * load balancer stops sending traffic to an instance that would answer 500s (storage or cache
 * down, route keys that sign tokens no node accepts).
 */
import { createTokenVerifier, signRouteToken } from "@nevewatch/edge";
import type { AppContext } from "./context.ts";
import { loadRouteKeys } from "./modules/streaming/keys.ts";

export type Probe = () => Promise<void>;

const PROBE_ID = "readiness-probe";

/** Signs a route token with the streaming keys and verifies it as a node would. */
async function routeKeysProbe(ctx: AppContext): Promise<void> {
  const keys = await loadRouteKeys(ctx.config);
  const token = await signRouteToken(keys.privateKey, {
    aud: PROBE_ID,
    sub: PROBE_ID,
    sid: PROBE_ID,
    sto: PROBE_ID,
    stm: PROBE_ID,
    stt: "live",
    fmt: "ts",
  });
  await createTokenVerifier({ publicKey: keys.publicKey, nodeId: PROBE_ID }).verify(token);
}

export function readinessProbes(ctx: AppContext): Record<string, Probe> {
  return {
    storage: () => ctx.store.ping(),
    cache: () => ctx.cache.ping(),
    "route-keys": () => routeKeysProbe(ctx),
  };
}
