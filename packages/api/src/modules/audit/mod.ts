/**
 * The audit log: sensitive actions (store changes, domain verification, logins, password
 * changes, API keys, role changes) recorded by every module through `recordAudit`, and
 * `GET /v1/audit` to read them. Owners and staff holding `audit.read` see their own store only.
 */
import { Elysia, t } from "elysia";
import { AuditEntrySchema } from "../../audit/mod.ts";
import { type AccessRule, accessPlugin, actorOf } from "../../auth/access.ts";
import type { Authenticate } from "../../auth/principal.ts";
import { rateLimitPlugin } from "../../auth/route-limits.ts";
import type { AppContext } from "../../context.ts";
import { problems } from "../../http/problem.ts";
import { targetStore, tenancyPlugin } from "../tenancy/mod.ts";
import { type AuditNamers, createNamer } from "./names.ts";
import { queryAudit } from "./query.ts";

export { AUDIT_COLLECTION, type AuditEntry, type AuditInput, recordAudit } from "../../audit/mod.ts";
export type { AuditNamers, NameLookup } from "./names.ts";

/** The one place each route's callers are declared (enforced by the `access` option). */
export const AUDIT_ACCESS = {
  "GET /v1/audit": { roles: ["platform_admin", "store_owner", "store_staff"], permission: "audit.read" },
} as const satisfies Record<string, AccessRule>;

const AuditQuerySchema = t.Object({
  storeId: t.Optional(
    t.String({
      maxLength: 64,
      description: 'Platform admins: one store, or "platform" for platform-level entries',
    }),
  ),
  action: t.Optional(
    t.String({ maxLength: 100, description: 'Exact action, or a prefix ending in "." (e.g. "auth.")' }),
  ),
  actorId: t.Optional(t.String({ maxLength: 64 })),
  from: t.Optional(t.String({ format: "date-time", description: "Inclusive lower bound of `at`" })),
  to: t.Optional(t.String({ format: "date-time", description: "Exclusive upper bound of `at`" })),
  cursor: t.Optional(t.String({ maxLength: 500 })),
  limit: t.Optional(t.Integer({ minimum: 1, maximum: 200 })),
});

const AuditPage = t.Object({ items: t.Array(AuditEntrySchema), nextCursor: t.Union([t.String(), t.Null()]) });

/** `namers`: how the composition names users, stores, plans… (see `names.ts`). */
export function auditModule(ctx: AppContext, authenticate: Authenticate, namers: AuditNamers = {}) {
  return new Elysia({ name: "audit" })
    .use(tenancyPlugin(ctx))
    .use(accessPlugin(authenticate))
    .use(rateLimitPlugin(ctx, "api"))
    .get(
      "/v1/audit",
      async ({ principal, tenant, query }) => {
        const actor = actorOf(principal);
        const { storeId, ...rest } = query;
        const scope =
          actor.role === "platform_admin"
            ? storeId === "platform"
              ? null
              : (storeId ?? tenant?._id)
            : targetStore(actor, tenant);
        const iso = (v: string | undefined) => (v === undefined ? undefined : new Date(v).toISOString());
        const from = iso(rest.from);
        const to = iso(rest.to);
        const page = await queryAudit(ctx, {
          ...(scope === undefined ? {} : { storeId: scope }),
          ...(rest.action === undefined ? {} : { action: rest.action }),
          ...(rest.actorId === undefined ? {} : { actorId: rest.actorId }),
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to }),
          ...(rest.cursor === undefined ? {} : { cursor: rest.cursor }),
          ...(rest.limit === undefined ? {} : { limit: rest.limit }),
        });
        const name = createNamer(namers, actor.role === "platform_admin");
        const items = await Promise.all(
          page.items.map(async (entry) => ({ ...entry, ...(await name(entry)) })),
        );
        return { items, nextCursor: page.nextCursor };
      },
      {
        access: AUDIT_ACCESS["GET /v1/audit"],
        query: AuditQuerySchema,
        detail: { summary: "Audit entries, newest first (owners: their own store only)", tags: ["audit"] },
        response: { 200: AuditPage, ...problems(400, 401, 403, 404) },
      },
    );
}
