/**
 * Creating, listing, revoking and authenticating API keys.
 */

import { recordAudit } from "../../audit/mod.ts";
import type { Permission } from "../../auth/permissions.ts";
import type { Principal } from "../../auth/principal.ts";
import { randomSecret, sha256Hex } from "../../auth/secrets.ts";
import type { AppContext } from "../../context.ts";
import { scoped } from "../../db/mod.ts";
import { AppError } from "../../errors/app-error.ts";
import { API_KEY_PREFIX, API_KEYS_COLLECTION, type ApiKeyDoc, toApiKey } from "./model.ts";

type Ctx = Pick<AppContext, "store">;

/** `lastUsedAt` is written at most this often per key, so busy keys do not cost a write per request. */
const LAST_USED_THROTTLE_MS = 60_000;

const allKeys = (ctx: Ctx) => ctx.store.collection<ApiKeyDoc>(API_KEYS_COLLECTION);
const storeKeys = (ctx: Ctx, storeId: string) => scoped(allKeys(ctx), storeId);

export interface AuditMeta {
  ip?: string | null;
  requestId?: string | null;
}

export async function createApiKey(
  ctx: Ctx,
  actor: Principal,
  storeId: string,
  input: { name: string; permissions: Permission[] },
  meta: AuditMeta = {},
): Promise<ReturnType<typeof toApiKey> & { key: string }> {
  // Nobody hands a key more than they hold themselves.
  if (actor.role === "store_staff") {
    const missing = input.permissions.filter((p) => !actor.permissions.includes(p));
    if (missing.length > 0)
      throw new AppError("forbidden", `You cannot grant permissions you do not hold: ${missing.join(", ")}`);
  }
  const key = randomSecret(API_KEY_PREFIX);
  const doc = await storeKeys(ctx, storeId).insert({
    storeId,
    name: input.name,
    prefix: key.slice(0, API_KEY_PREFIX.length + 6),
    hash: sha256Hex(key),
    permissions: [...new Set(input.permissions)],
    createdBy: actor.id,
    createdAt: new Date().toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  });
  await recordAudit(ctx, {
    actor,
    action: "api_key.create",
    storeId,
    target: { type: "api_key", id: doc._id },
    after: { name: doc.name, permissions: doc.permissions },
    ip: meta.ip ?? null,
    requestId: meta.requestId ?? null,
  });
  return { ...toApiKey(doc), key };
}

export async function listApiKeys(ctx: Ctx, storeId: string, includeRevoked: boolean) {
  const page = await storeKeys(ctx, storeId).find(includeRevoked ? {} : { revokedAt: null }, {
    sort: [["createdAt", -1]],
    limit: 1000,
  });
  return page.items.map(toApiKey);
}

export async function revokeApiKey(
  ctx: Ctx,
  actor: Principal,
  storeId: string,
  id: string,
  meta: AuditMeta = {},
): Promise<void> {
  const keys = storeKeys(ctx, storeId);
  const doc = await keys.get(id);
  if (!doc) throw new AppError("not_found", "No such API key in this store");
  if (doc.revokedAt !== null) return;
  await keys.update(id, { revokedAt: new Date().toISOString() });
  await recordAudit(ctx, {
    actor,
    action: "api_key.revoke",
    storeId,
    target: { type: "api_key", id },
    before: { name: doc.name, permissions: doc.permissions },
    ip: meta.ip ?? null,
    requestId: meta.requestId ?? null,
  });
}

/** The name of a store's API key (revoked ones too), for the audit log. */
export async function apiKeyName(ctx: Ctx, storeId: string, id: string): Promise<string | null> {
  return (await storeKeys(ctx, storeId).get(id))?.name ?? null;
}

/** The principal of a live API key; null for unknown or revoked keys. Keys act as store staff. */
export async function authenticateApiKey(
  ctx: Pick<AppContext, "store" | "cache">,
  key: string,
): Promise<Principal | null> {
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null;
  const doc = await allKeys(ctx).findOne({ hash: sha256Hex(key) });
  if (!doc || doc.revokedAt !== null) return null;
  if (await ctx.cache.setIfAbsent(`apikey:used:${doc._id}`, "1", LAST_USED_THROTTLE_MS))
    await allKeys(ctx).update(doc._id, { lastUsedAt: new Date().toISOString() });
  return {
    id: doc._id,
    kind: "api_key",
    role: "store_staff",
    storeId: doc.storeId,
    permissions: doc.permissions,
  };
}
