/**
 * Names for the audit log's readers: who acted (an account's name and e-mail, an API key's
 * name) and what they acted on, instead of bare ids. Every module records through this one, so
 * it knows none of them: the lookups per object type come from the composition (`app.ts`).
 * A name is looked up only inside the entry's own store, so a store's log never names a
 * platform account (it shows as its role); platform admins, who see every store, get them all.
 */
import type { AuditEntry } from "../../audit/mod.ts";

/**
 * The name of one object of a type named by an entry of `storeId` (null: a platform entry), or
 * null when it is gone; `everywhere` (a platform reader) also names accounts of other scopes.
 */
export type NameLookup = (id: string, storeId: string | null, everywhere: boolean) => Promise<string | null>;

/** Lookups by object type (`user`, `store`, `plan`, …); actors use `user`, `api_key` and `node`. */
export type AuditNamers = Readonly<Partial<Record<string, NameLookup>>>;

export interface Named {
  actorName: string | null;
  targetName: string | null;
}

/** Ids in an entry's payload that name something, when its target has no name of its own. */
const PAYLOAD_REFS = [
  ["viewerId", "user"],
  ["userId", "user"],
  ["planId", "plan"],
] as const;

export function createNamer(namers: AuditNamers, platformReader: boolean) {
  const cache = new Map<string, Promise<string | null>>();
  const lookup = (type: string, id: string, storeId: string | null): Promise<string | null> => {
    const find = namers[type];
    if (!find) return Promise.resolve(null);
    const key = `${type}:${id}:${storeId}`;
    let found = cache.get(key);
    if (!found) {
      found = find(id, storeId, platformReader).catch(() => null);
      cache.set(key, found);
    }
    return found;
  };

  const fromPayload = async (payload: unknown, storeId: string | null): Promise<string | null> => {
    if (typeof payload !== "object" || payload === null) return null;
    const value = payload as Record<string, unknown>;
    for (const field of ["name", "email", "domain"]) {
      const text = value[field];
      if (typeof text === "string" && text) return text;
    }
    const device = value.device as { name?: unknown } | undefined;
    if (typeof device?.name === "string" && device.name) return device.name;
    const parts: string[] = [];
    for (const [field, type] of PAYLOAD_REFS) {
      const id = value[field];
      if (typeof id !== "string") continue;
      const name = await lookup(type, id, storeId);
      if (name) parts.push(name);
    }
    return parts.length > 0 ? parts.join(" · ") : null;
  };

  return async (
    entry: Pick<
      AuditEntry,
      "actorId" | "actorKind" | "storeId" | "targetType" | "targetId" | "before" | "after"
    >,
  ): Promise<Named> => {
    const [actorName, targetName] = await Promise.all([
      entry.actorId ? lookup(entry.actorKind, entry.actorId, entry.storeId) : null,
      (async () =>
        (entry.targetType && entry.targetId
          ? await lookup(entry.targetType, entry.targetId, entry.storeId)
          : null) ??
        (await fromPayload(entry.after, entry.storeId)) ??
        (await fromPayload(entry.before, entry.storeId)))(),
    ]);
    return { actorName, targetName };
  };
}
