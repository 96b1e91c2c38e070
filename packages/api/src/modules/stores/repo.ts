/**
 * Storage of stores and their domains. The only code that names these collections.
 */
import type { AppContext } from "../../context.ts";
import type { Collection } from "../../db/port.ts";
import { DOMAINS_COLLECTION, type DomainDoc, STORES_COLLECTION, type StoreDoc } from "./model.ts";

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
