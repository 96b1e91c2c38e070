/**
 * Writes audit entries. Every module records its sensitive actions through `recordAudit`.
 */
import type { Principal } from "../auth/principal.ts";
import type { AppContext } from "../context.ts";
import type { NewDoc } from "../db/port.ts";
import { AUDIT_COLLECTION, type AuditEntry } from "./model.ts";

export interface AuditInput {
  actor: Principal | null;
  action: string;
  storeId: string | null;
  target?: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  requestId?: string | null;
}

export async function recordAudit(ctx: Pick<AppContext, "store">, input: AuditInput): Promise<AuditEntry> {
  const entry: NewDoc<AuditEntry> = {
    at: new Date().toISOString(),
    actorId: input.actor?.id ?? null,
    actorKind: input.actor?.kind ?? "system",
    role: input.actor?.role ?? null,
    storeId: input.storeId,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    ip: input.ip ?? null,
    requestId: input.requestId ?? null,
  };
  return ctx.store.collection<AuditEntry>(AUDIT_COLLECTION).insert(entry);
}
