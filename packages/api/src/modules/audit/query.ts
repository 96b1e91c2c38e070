/**
 * Reading the audit log: store owners see their own store, platform admins everything,
 * filtered by store, action, actor and time, newest first, with cursor pagination.
 */

import { AUDIT_COLLECTION, type AuditEntry } from "../../audit/mod.ts";
import type { AppContext } from "../../context.ts";
import type { Filter, Page } from "../../db/port.ts";

export interface AuditQuery {
  /** null: platform-level entries only; undefined: every store. */
  storeId?: string | null;
  action?: string;
  actorId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export function toAuditEntry(doc: AuditEntry) {
  const { _id, _v, ...rest } = doc;
  return { id: _id, ...rest };
}

export async function queryAudit(
  ctx: Pick<AppContext, "store">,
  query: AuditQuery,
): Promise<Page<ReturnType<typeof toAuditEntry>>> {
  const at: Filter[string] =
    query.from === undefined && query.to === undefined
      ? undefined
      : {
          ...(query.from === undefined ? {} : { gte: query.from }),
          ...(query.to === undefined ? {} : { lt: query.to }),
        };
  const filter: Filter = {
    storeId: query.storeId === null ? { eq: null } : query.storeId,
    action: query.action?.endsWith(".") ? { prefix: query.action } : query.action,
    actorId: query.actorId,
    at,
  };
  const page = await ctx.store.collection<AuditEntry>(AUDIT_COLLECTION).find(filter, {
    sort: [["at", -1]],
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    ...(query.limit === undefined ? {} : { limit: query.limit }),
  });
  return { items: page.items.map(toAuditEntry), nextCursor: page.nextCursor };
}
