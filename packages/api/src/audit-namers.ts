/**
 * How the audit log names what its entries point at (`modules/audit/names.ts`): one lookup per
 * object type, each through the module that owns the object. Composed here because every
 * module records audit entries, so the audit module may not import them.
 */
import type { AppContext } from "./context.ts";
import { apiKeyName } from "./modules/apikeys/mod.ts";
import type { AuditNamers, NameLookup } from "./modules/audit/mod.ts";
import { findItem } from "./modules/catalog/mod.ts";
import { findPlan } from "./modules/plans/mod.ts";
import { getProviderDoc } from "./modules/providers/mod.ts";
import { findStoreById } from "./modules/stores/mod.ts";
import { findUserById } from "./modules/users/mod.ts";

/** A lookup of a store's own objects (no store, no name). */
function inStore(find: (storeId: string, id: string) => Promise<string | null>): NameLookup {
  return (id, storeId) => (storeId === null ? Promise.resolve(null) : find(storeId, id));
}

export function auditNamers(ctx: AppContext): AuditNamers {
  return {
    async user(id, storeId, everywhere) {
      const user = await findUserById(ctx, id);
      if (!user || (!everywhere && user.storeId !== storeId)) return null;
      return user.name ? `${user.name} (${user.email})` : user.email;
    },
    async store(id, storeId, everywhere) {
      if (!everywhere && storeId !== id) return null;
      return (await findStoreById(ctx, id))?.name ?? null;
    },
    plan: inStore(async (storeId, id) => (await findPlan(ctx, storeId, id))?.name ?? null),
    provider: inStore(async (storeId, id) => (await getProviderDoc(ctx, storeId, id)).name),
    catalog_item: inStore(async (storeId, id) => (await findItem(ctx, storeId, id))?.name ?? null),
    api_key: inStore((storeId, id) => apiKeyName(ctx, storeId, id)),
  };
}
