/**
 * Who may call each store route: the one table the routes enforce (via their `access` option)
 * and the role matrix test reads.
 */
import type { AccessRule } from "../../auth/access.ts";

const ADMIN = ["platform_admin"] as const;
const MANAGERS = ["platform_admin", "store_owner", "store_staff"] as const;

/** The one place each route's callers are declared (enforced by the `access` option). */
export const STORE_ACCESS = {
  "GET /v1/public/store": { roles: "public" },
  "POST /v1/stores/signup": { roles: "public" },
  "POST /v1/stores": { roles: ADMIN },
  "GET /v1/stores": { roles: ADMIN },
  "GET /v1/stores/:id": { roles: MANAGERS, permission: "store.manage" },
  "PATCH /v1/stores/:id": { roles: MANAGERS, permission: "store.manage" },
  "POST /v1/stores/:id/suspend": { roles: ADMIN },
  "POST /v1/stores/:id/activate": { roles: ADMIN },
  "GET /v1/stores/:id/domains": { roles: MANAGERS, permission: "store.manage" },
  "POST /v1/stores/:id/domains": { roles: ["platform_admin", "store_owner"] },
  "POST /v1/stores/:id/domains/:domainId/verify": { roles: ["platform_admin", "store_owner"] },
  "DELETE /v1/stores/:id/domains/:domainId": { roles: ["platform_admin", "store_owner"] },
} as const satisfies Record<string, AccessRule>;
