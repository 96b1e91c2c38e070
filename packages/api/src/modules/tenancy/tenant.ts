/**
 * The tenant record: what tenancy resolves a request to. A store's stored shape, its custom
 * domains' stored shape, their collections and the lookups by id, slug and verified domain. It
 * sits in tenancy, below the stores module (which manages stores and re-exports these), so that
 * the tenancy plugin every module uses does not depend on stores.
 */
import type { AppContext } from "../../context.ts";
import type { BaseDoc, Collection, CollectionDef } from "../../db/port.ts";

type Ctx = Pick<AppContext, "store">;

export const THEMES = ["dark", "light", "system"] as const;
export const STORE_STATUSES = ["active", "suspended"] as const;

export interface Branding {
  logoUrl: string | null;
  faviconUrl: string | null;
  primaryColor: string;
  accentColor: string;
  theme: (typeof THEMES)[number];
}

export interface StoreSettings {
  currency: string;
  defaultLanguage: string;
  timezone: string;
  allowSignup: boolean;
  maxProfiles: number;
}

export interface StoreDoc extends BaseDoc {
  name: string;
  /** Immutable after creation: it names the store's platform host `<slug>.<PLATFORM_DOMAIN>`. */
  slug: string;
  status: (typeof STORE_STATUSES)[number];
  suspendedReason: string | null;
  branding: Branding;
  settings: StoreSettings;
  createdAt: string;
  updatedAt: string;
}

export const STORES_COLLECTION: CollectionDef = {
  name: "stores",
  indexes: [{ fields: [["slug", 1]], unique: true }, { fields: [["createdAt", -1]] }],
};

export interface DomainDoc extends BaseDoc {
  storeId: string;
  domain: string;
  /**
   * Set to `domain` once verified, and unique: one store owns a verified domain, while any store
   * may claim an unverified one, so nobody can block a domain's real owner by adding it first.
   */
  verifiedDomain?: string;
  token: string;
  verifiedAt: string | null;
  lastCheckedAt: string | null;
  lastError: string | null;
  createdAt: string;
}

export const DOMAINS_COLLECTION: CollectionDef = {
  name: "store_domains",
  indexes: [
    { fields: [["verifiedDomain", 1]], unique: true },
    {
      fields: [
        ["storeId", 1],
        ["domain", 1],
      ],
      unique: true,
    },
  ],
};

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
