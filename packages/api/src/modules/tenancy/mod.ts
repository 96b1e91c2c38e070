/**
 * Tenancy: every request is for at most one store, resolved from its host or `X-Store`
 * (see `resolve.ts`). Modules `.use(tenancyPlugin(ctx))` to get `tenant`, and call
 * `targetStore` to pick the one store an operation may touch, so a caller from one store can
 * never act on another. Store-scoped repositories wrap collections with `scoped(…, storeId)`.
 */
import { Elysia } from "elysia";
import { actorOf } from "../../auth/access.ts";
import type { Principal } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { resolveStore } from "./resolve.ts";
import type { StoreDoc } from "./tenant.ts";

export { forgetHost, forgetStore } from "./cache.ts";
export { getStoreCached, hostOf, resolveStore } from "./resolve.ts";
export {
  type Branding,
  DOMAINS_COLLECTION,
  type DomainDoc,
  domainsCollection,
  findStoreById,
  findStoreBySlug,
  findStoreIdByVerifiedDomain,
  STORE_STATUSES,
  STORES_COLLECTION,
  type StoreDoc,
  type StoreSettings,
  storesCollection,
  THEMES,
} from "./tenant.ts";

export function assertActive(store: StoreDoc): StoreDoc {
  if (store.status === "suspended")
    throw new AppError("store_suspended", `The store "${store.slug}" is suspended`, { store: store.slug });
  return store;
}

export interface TenancyOptions {
  /** Resolve suspended stores instead of refusing the request (platform-admin store management). */
  allowSuspended?: boolean;
}

/** Adds `tenant` (the resolved store or null) to the routes of the module that uses it. */
export function tenancyPlugin(ctx: AppContext, options: TenancyOptions = {}) {
  return new Elysia().derive({ as: "scoped" }, async ({ request }) => {
    const store = await resolveStore(ctx, request);
    if (store && !options.allowSuspended) assertActive(store);
    return { tenant: store };
  });
}

/** The resolved store, or a problem telling the client to name one. */
export function requireTenant(tenant: StoreDoc | null): StoreDoc {
  if (!tenant)
    throw new AppError(
      "store_not_resolved",
      "This request needs a store: use its domain or send an X-Store header",
    );
  return tenant;
}

/**
 * The one store an operation acts on. Store members act on their own store (and a token used
 * at another store's host is refused); platform admins name one through the host, `X-Store`
 * or an explicit id.
 */
export function targetStore(principal: Principal, tenant: StoreDoc | null, explicit?: string): string {
  if (principal.role === "platform_admin") {
    const id = explicit ?? tenant?._id;
    if (!id)
      throw new AppError(
        "store_not_resolved",
        "Name the store: use its domain, an X-Store header or a storeId",
      );
    return id;
  }
  if (!principal.storeId) throw new AppError("forbidden", "This account belongs to no store");
  if (tenant && tenant._id !== principal.storeId)
    throw new AppError("token_invalid", "This credential belongs to another store");
  return principal.storeId;
}

/** The store a signed-in caller acts on (see `targetStore`); 401 when nobody is signed in. */
export function callerStore(principal: Principal | null, tenant: StoreDoc | null): string {
  return targetStore(actorOf(principal), tenant);
}
