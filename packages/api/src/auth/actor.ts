/**
 * Shared pieces of every module's route tables (who may call what, declared per route with the
 * `access` option of `access.ts`) and the audit actor services receive instead of the HTTP
 * context. Below the modules: any module's routes and services use it.
 */
import type { AccessRule } from "./access.ts";
import { requestMeta } from "./client-ip.ts";
import type { Permission } from "./permissions.ts";
import type { Principal } from "./principal.ts";

/** Store owners, platform admins (naming the store by host or X-Store) and staff holding `permission`. */
export function storeAdmins(permission: Permission): AccessRule {
  return { roles: ["platform_admin", "store_owner", "store_staff"], permission };
}

export const VIEWERS: AccessRule = { roles: ["viewer"] };

/** Who did something, for the audit log: plain data, so services never see the HTTP context. */
export interface Actor {
  readonly principal: Principal | null;
  readonly ip: string | null;
  readonly requestId: string | null;
}

type RequestFacts = Parameters<typeof requestMeta>[0];

/** The actor of a request: its principal, address and request id. */
export function requestActor(principal: Principal | null, trustProxy: boolean, facts: RequestFacts): Actor {
  const { ip, requestId } = requestMeta(facts, trustProxy);
  return { principal, ip, requestId };
}

/** `requestActor` bound to the proxy setting: what every module's routes hand to their services. */
export function actorsOf(trustProxy: boolean) {
  return (c: RequestFacts & { principal: Principal | null }): Actor =>
    requestActor(c.principal, trustProxy, c);
}
