/**
 * Storage of stores and their domains. The only code that names these collections.
 */
import type { AppContext } from "../../context.ts";
import type { Collection } from "../../db/port.ts";
import {
  DEFAULT_BRANDING,
  DEFAULT_SETTINGS,
  DOMAINS_COLLECTION,
  type DomainDoc,
  STORES_COLLECTION,
  type StoreDoc,
  type StoreSettings,
} from "./model.ts";

type Ctx = Pick<AppContext, "store">;

export function storesCollection(ctx: Ctx): Collection<StoreDoc> {
  return ctx.store.collection<StoreDoc>(STORES_COLLECTION);
}

export function domainsCollection(ctx: Ctx): Collection<DomainDoc> {
  return ctx.store.collection<DomainDoc>(DOMAINS_COLLECTION);
}

export async function findStoreById(ctx: Ctx, id: string): Promise<StoreDoc | null> {
  return storesCollection(ctx).get(id);
}

export async function findStoreBySlug(ctx: Ctx, slug: string): Promise<StoreDoc | null> {
  return storesCollection(ctx).findOne({ slug: slug.toLowerCase() });
}

/** The store a verified custom domain points at; unverified domains resolve nothing. */
export async function findStoreIdByVerifiedDomain(ctx: Ctx, domain: string): Promise<string | null> {
  const doc = await domainsCollection(ctx).findOne({ verifiedDomain: domain.toLowerCase() });
  return doc?.storeId ?? null;
}

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
