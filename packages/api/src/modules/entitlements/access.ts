/**
 * Shared pieces of this domain's route tables (who may call what, declared per route with the
 * `access` option of `auth/access.ts`) and the audit actor services receive instead of the
 * HTTP context.
 */
import type { AccessRule } from "../../auth/access.ts";
import { clientIp } from "../../auth/client-ip.ts";
import type { Permission } from "../../auth/permissions.ts";
import type { Principal } from "../../auth/principal.ts";

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

interface RequestFacts {
  request: Request;
  server: { requestIP(request: Request): { address: string } | null } | null;
  set: { headers: Record<string, unknown> };
}

/** The actor of a request; the pipeline has already put the request id on the response headers. */
export function requestActor(principal: Principal | null, trustProxy: boolean, facts: RequestFacts): Actor {
  const requestId = facts.set.headers["x-request-id"];
  return {
    principal,
    ip: clientIp(facts.request, facts.server, trustProxy),
    requestId: typeof requestId === "string" ? requestId : null,
  };
}
