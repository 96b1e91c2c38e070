/**
 * Catalog items for store admins: list, read, edit (edited fields are locked against
 * re-imports), bulk edit and reorder.
 */

import { recordAudit } from "../../audit/mod.ts";
import type { Actor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import type { Filter, Page, Patch } from "../../db/port.ts";
import { AppError } from "../../errors/app-error.ts";
import { assertOwned } from "../../tenancy/owned.ts";
import { LOCKABLE, searchKeyOf, searchTailOf } from "./_entry-fields.ts";
import type { ItemDoc } from "./model.ts";
import { items } from "./repo.ts";
import type { Item, ItemListInput, UpdateItemInput } from "./schemas.ts";

type Ctx = Pick<AppContext, "store">;

export function toItem(doc: ItemDoc): Item {
  return {
    id: doc._id,
    xid: doc.xid,
    type: doc.type,
    name: doc.name,
    categoryId: doc.categoryId ?? null,
    enabled: doc.enabled,
    sortOrder: doc.sortOrder,
    number: doc.number ?? null,
    logo: doc.logo ?? null,
    epgId: doc.epgId ?? null,
    containerExtension: doc.containerExtension ?? null,
    duration: doc.duration ?? null,
    plot: doc.plot ?? null,
    rating: doc.rating ?? null,
    seriesId: doc.seriesId ?? null,
    season: doc.season ?? null,
    episode: doc.episode ?? null,
    sources: doc.sources.map((s) => ({ providerId: s.providerId, format: s.format })),
    providerId: doc.providerId ?? null,
    missingSince: doc.missingSince ?? null,
    mergedInto: doc.mergedInto ?? null,
    locked: doc.locked,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

/** The database filter of a listing (entitlement filtering happens after, in memory). */
export function itemFilter(query: Omit<ItemListInput, "cursor" | "limit" | "packageId">): Filter {
  const filter: Filter = {};
  if (query.type !== undefined) filter.type = query.type;
  if (query.categoryId !== undefined) filter.categoryId = query.categoryId;
  if (query.seriesId !== undefined) filter.seriesId = query.seriesId;
  if (query.missing !== undefined) filter.missingSince = query.missing ? { ne: null } : null;
  if (query.q !== undefined) {
    const prefix = searchKeyOf(query.q);
    const byName: Filter[] = [{ searchKey: { prefix } }, { searchTail: { prefix } }];
    // Viewers find a channel by its number as well as by its name.
    const number = /^\d{1,7}$/.test(query.q.trim()) ? [{ number: Number(query.q.trim()) }] : [];
    return { $and: [filter, { $or: [...byName, ...number] }] };
  }
  return filter;
}

export function itemSort(query: Pick<ItemListInput, "seriesId">) {
  return query.seriesId !== undefined
    ? ([
        ["season", 1],
        ["episode", 1],
      ] as const)
    : ([["sortOrder", 1]] as const);
}

export async function listItems(ctx: Ctx, storeId: string, query: ItemListInput): Promise<Page<Item>> {
  const page = await items(ctx, storeId).find(itemFilter(query), {
    sort: itemSort(query),
    limit: query.limit ?? 100,
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  });
  return { items: page.items.map(toItem), nextCursor: page.nextCursor };
}

export async function getItemDoc(ctx: Ctx, storeId: string, id: string): Promise<ItemDoc> {
  const doc = await items(ctx, storeId).get(id);
  if (!doc) throw new AppError("not_found", "Catalog item not found");
  return doc;
}

/** By id or by numeric xid (as players send it). */
export async function findItem(ctx: Ctx, storeId: string, ref: string): Promise<ItemDoc | null> {
  if (/^\d{1,15}$/.test(ref)) return items(ctx, storeId).findOne({ xid: Number(ref) });
  return items(ctx, storeId).get(ref);
}

export async function updateItem(
  ctx: Ctx,
  storeId: string,
  id: string,
  input: UpdateItemInput,
  by: Actor,
): Promise<Item> {
  const before = await getItemDoc(ctx, storeId, id);
  await assertOwned(ctx, storeId, "category", input.categoryId, "/categoryId");
  const patch: Record<string, unknown> = { ...input, updatedAt: new Date().toISOString() };
  if (input.name !== undefined) {
    patch.searchKey = searchKeyOf(input.name);
    patch.searchTail = searchTailOf(patch.searchKey as string);
  }
  const edited = Object.keys(input).filter((k) => (LOCKABLE as readonly string[]).includes(k));
  patch.locked = [...new Set([...before.locked, ...edited])];
  const doc = await items(ctx, storeId).update(id, patch as Patch<ItemDoc>);
  if (!doc) throw new AppError("not_found", "Catalog item not found");
  await recordAudit(ctx, {
    actor: by.principal,
    action: "catalog.item_update",
    storeId,
    target: { type: "catalog_item", id },
    before: Object.fromEntries(Object.keys(input).map((k) => [k, before[k as keyof ItemDoc]])),
    after: input,
    ip: by.ip,
    requestId: by.requestId,
  });
  return toItem(doc);
}

export async function bulkEditItems(
  ctx: Ctx,
  storeId: string,
  ids: string[],
  set: { enabled?: boolean | undefined; categoryId?: string | null | undefined },
  by: Actor,
): Promise<number> {
  await assertOwned(ctx, storeId, "item", ids, "/ids");
  await assertOwned(ctx, storeId, "category", set.categoryId, "/set/categoryId");
  const patch: Patch<ItemDoc> = { updatedAt: new Date().toISOString() };
  if (set.enabled !== undefined) patch.enabled = set.enabled;
  if (set.categoryId !== undefined) patch.categoryId = set.categoryId;
  let changed = 0;
  for (let i = 0; i < ids.length; i += 500) {
    changed += await items(ctx, storeId).updateMany({ _id: { in: ids.slice(i, i + 500) } }, patch);
  }
  await recordAudit(ctx, {
    actor: by.principal,
    action: "catalog.item_bulk_edit",
    storeId,
    target: { type: "catalog_item", id: ids[0] ?? "" },
    after: { count: ids.length, set },
    ip: by.ip,
    requestId: by.requestId,
  });
  return changed;
}

/** Gives the listed items sortOrder 1, 2, 3… and locks their order against re-imports. */
export async function reorderItems(ctx: Ctx, storeId: string, ids: string[]): Promise<number> {
  await assertOwned(ctx, storeId, "item", ids, "/ids");
  let changed = 0;
  for (const [index, id] of ids.entries()) {
    const doc = await items(ctx, storeId).get(id);
    if (!doc) continue;
    const locked = doc.locked.includes("sortOrder") ? doc.locked : [...doc.locked, "sortOrder"];
    if (await items(ctx, storeId).update(id, { sortOrder: index + 1, locked })) changed++;
  }
  return changed;
}
