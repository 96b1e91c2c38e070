/**
 * Which store a request is for: the `Host` (a verified custom domain, or `<slug>.<PLATFORM_DOMAIN>`),
 * else the `X-Store` header (slug or id) that API clients on the platform host send.
 * Lookups are cached briefly in the cache port.
 */
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { hostKey, NONE, refKey, slugKey, storeKey } from "./cache.ts";
import { findStoreById, findStoreBySlug, findStoreIdByVerifiedDomain, type StoreDoc } from "./tenant.ts";

type Ctx = Pick<AppContext, "store" | "cache" | "config">;

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

async function cached(ctx: Ctx, key: string, load: () => Promise<string | null>): Promise<string | null> {
  const ttl = ctx.config.TENANT_CACHE_TTL_MS;
  if (ttl > 0) {
    const hit = await ctx.cache.get(key);
    if (hit !== null) return hit === NONE ? null : hit;
  }
  const value = await load();
  if (ttl > 0) await ctx.cache.set(key, value ?? NONE, ttl);
  return value;
}

/** A store by id through the cache; null when it does not exist. */
export async function getStoreCached(ctx: Ctx, id: string): Promise<StoreDoc | null> {
  const ttl = ctx.config.TENANT_CACHE_TTL_MS;
  if (ttl > 0) {
    const hit = await ctx.cache.get(storeKey(id));
    if (hit !== null) return hit === NONE ? null : (JSON.parse(hit) as StoreDoc);
  }
  const doc = await findStoreById(ctx, id);
  if (ttl > 0) await ctx.cache.set(storeKey(id), doc ? JSON.stringify(doc) : NONE, ttl);
  return doc;
}

/** The hostname without port, lowercased; null for an empty or malformed host. */
export function hostOf(request: Request): string | null {
  const raw = request.headers.get("host") ?? new URL(request.url).host;
  const host = raw.trim().toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
  return host.length > 0 && host.length <= 253 ? host : null;
}

async function storeIdForHost(ctx: Ctx, host: string): Promise<string | null> {
  const platform = ctx.config.PLATFORM_DOMAIN.toLowerCase();
  if (host === platform) return null;
  if (host.endsWith(`.${platform}`)) {
    const label = host.slice(0, -platform.length - 1);
    if (!LABEL.test(label)) return null;
    return cached(ctx, slugKey(label), async () => (await findStoreBySlug(ctx, label))?._id ?? null);
  }
  if (!host.includes(".")) return null;
  return cached(ctx, hostKey(host), () => findStoreIdByVerifiedDomain(ctx, host));
}

async function storeIdForRef(ctx: Ctx, ref: string): Promise<string | null> {
  return cached(ctx, refKey(ref), async () => {
    const bySlug = await findStoreBySlug(ctx, ref);
    if (bySlug) return bySlug._id;
    return (await findStoreById(ctx, ref))?._id ?? null;
  });
}

/**
 * Resolves the store of a request, or null when neither the host nor `X-Store` names one.
 * An `X-Store` that names no store is an error (the client asked for something specific).
 */
export async function resolveStore(ctx: Ctx, request: Request): Promise<StoreDoc | null> {
  const host = hostOf(request);
  const byHost = host ? await storeIdForHost(ctx, host) : null;
  if (byHost) return getStoreCached(ctx, byHost);
  const ref = request.headers.get("x-store")?.trim();
  if (!ref) return null;
  if (ref.length > 64) throw new AppError("store_not_resolved", "No store matches the X-Store header");
  const id = await storeIdForRef(ctx, ref);
  const store = id ? await getStoreCached(ctx, id) : null;
  if (!store) throw new AppError("store_not_resolved", "No store matches the X-Store header", { store: ref });
  return store;
}
