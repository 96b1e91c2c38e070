/**
 * Store lifecycle: create (by a platform admin, or by a new owner when sign-up is open),
 * update branding and settings, suspend and reactivate. Every change is audited and drops the
 * cached copy tenancy resolves requests from.
 */

import { recordAudit } from "../../audit/mod.ts";
import type { Principal } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/port.ts";
import { AppError, isAppError } from "../../errors/app-error.ts";
import { forgetStore } from "../tenancy/mod.ts";
import {
  type Branding,
  DEFAULT_BRANDING,
  DEFAULT_SETTINGS,
  RESERVED_SLUGS,
  type Store,
  type StoreDoc,
  type StoreSettings,
  toStore,
} from "./model.ts";
import { storesCollection } from "./repo.ts";

type Ctx = Pick<AppContext, "store" | "cache">;

export interface AuditMeta {
  ip?: string | null;
  requestId?: string | null;
}

export interface NewStore {
  name: string;
  slug: string;
  branding?: Partial<Branding>;
  settings?: Partial<StoreSettings>;
}

function meta(m: AuditMeta) {
  return { ip: m.ip ?? null, requestId: m.requestId ?? null };
}

export async function createStore(
  ctx: Ctx,
  actor: Principal | null,
  input: NewStore,
  m: AuditMeta = {},
): Promise<StoreDoc> {
  const slug = input.slug.toLowerCase();
  if (RESERVED_SLUGS.has(slug))
    throw new AppError("conflict", `The slug "${slug}" is reserved`, { field: "slug" });
  const now = new Date().toISOString();
  let doc: StoreDoc;
  try {
    doc = await storesCollection(ctx).insert({
      name: input.name,
      slug,
      status: "active",
      suspendedReason: null,
      branding: { ...DEFAULT_BRANDING, ...input.branding },
      settings: { ...DEFAULT_SETTINGS, ...input.settings },
      createdAt: now,
      updatedAt: now,
    });
  } catch (error) {
    if (isAppError(error) && error.code === "duplicate")
      throw new AppError("duplicate", `The slug "${slug}" is taken`, { field: "slug" });
    throw error;
  }
  // A negative lookup of this slug may be cached from before it existed.
  await forgetStore(ctx.cache, doc);
  await recordAudit(ctx, {
    actor,
    action: "store.create",
    storeId: doc._id,
    target: { type: "store", id: doc._id },
    after: toStore(doc),
    ...meta(m),
  });
  return doc;
}

/** Only admins pass a store other than their own; anyone else gets "not found" for it. */
export async function getStoreFor(ctx: Ctx, actor: Principal, id: string): Promise<StoreDoc> {
  const doc =
    actor.role === "platform_admin" || actor.storeId === id ? await storesCollection(ctx).get(id) : null;
  if (!doc) throw new AppError("not_found", "No such store");
  return doc;
}

export async function listStores(
  ctx: Ctx,
  options: { status?: StoreDoc["status"]; cursor?: string; limit?: number },
): Promise<Page<Store>> {
  const page = await storesCollection(ctx).find(
    { status: options.status },
    {
      sort: [["createdAt", -1]],
      ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
      ...(options.limit === undefined ? {} : { limit: options.limit }),
    },
  );
  return { items: page.items.map(toStore), nextCursor: page.nextCursor };
}

export interface StoreChange {
  name?: string;
  branding?: Partial<Branding>;
  settings?: Partial<StoreSettings>;
}

export async function updateStore(
  ctx: Ctx,
  actor: Principal,
  id: string,
  change: StoreChange,
  m: AuditMeta = {},
): Promise<StoreDoc> {
  const before = await getStoreFor(ctx, actor, id);
  const after = await storesCollection(ctx).update(
    id,
    {
      ...(change.name === undefined ? {} : { name: change.name }),
      ...(change.branding === undefined ? {} : { branding: { ...before.branding, ...change.branding } }),
      ...(change.settings === undefined ? {} : { settings: { ...before.settings, ...change.settings } }),
      updatedAt: new Date().toISOString(),
    },
    { expectVersion: before._v },
  );
  if (!after) throw new AppError("not_found", "No such store");
  await forgetStore(ctx.cache, after);
  await recordAudit(ctx, {
    actor,
    action: "store.update",
    storeId: id,
    target: { type: "store", id },
    before: { name: before.name, branding: before.branding, settings: before.settings },
    after: { name: after.name, branding: after.branding, settings: after.settings },
    ...meta(m),
  });
  return after;
}

export async function setStoreStatus(
  ctx: Ctx,
  actor: Principal,
  id: string,
  status: StoreDoc["status"],
  reason: string | null,
  m: AuditMeta = {},
): Promise<StoreDoc> {
  const before = await getStoreFor(ctx, actor, id);
  const after = await storesCollection(ctx).update(id, {
    status,
    suspendedReason: status === "suspended" ? reason : null,
    updatedAt: new Date().toISOString(),
  });
  if (!after) throw new AppError("not_found", "No such store");
  await forgetStore(ctx.cache, after);
  await recordAudit(ctx, {
    actor,
    action: status === "suspended" ? "store.suspend" : "store.activate",
    storeId: id,
    target: { type: "store", id },
    before: { status: before.status },
    after: { status, reason },
    ...meta(m),
  });
  return after;
}
