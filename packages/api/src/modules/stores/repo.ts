/**
 * Storage of stores and their domains. The collections and the lookups tenancy needs live in
 * tenancy (`tenancy/tenant.ts`), re-exported here; the stores module's own writes are below.
 */
import type { AppContext } from "../../context.ts";
import { storesCollection } from "../tenancy/mod.ts";
import { DEFAULT_BRANDING, DEFAULT_SETTINGS, type StoreSettings } from "./model.ts";

export {
  domainsCollection,
  findStoreById,
  findStoreBySlug,
  findStoreIdByVerifiedDomain,
  storesCollection,
} from "../tenancy/mod.ts";

type Ctx = Pick<AppContext, "store">;

/**
 * Writes a store straight to storage with default branding and settings, skipping the service's
 * checks and audit: for tests, benchmarks and fixtures only. Returns its id.
 */
export async function insertStoreDoc(
  ctx: Ctx,
  fields: { slug: string; name?: string; suspendedReason?: string; settings?: Partial<StoreSettings> },
): Promise<string> {
  const now = new Date().toISOString();
  const doc = await storesCollection(ctx).insert({
    name: fields.name ?? `Store ${fields.slug}`,
    slug: fields.slug,
    status: fields.suspendedReason ? "suspended" : "active",
    suspendedReason: fields.suspendedReason ?? null,
    branding: DEFAULT_BRANDING,
    settings: { ...DEFAULT_SETTINGS, ...fields.settings },
    createdAt: now,
    updatedAt: now,
  });
  return doc._id;
}
