/**
 * An item's sources across providers: merging the same channel (or movie) imported from
 * several providers into one item with every source in priority order, and reordering or
 * dropping sources. Merged items stay (disabled, `mergedInto` set) so re-imports of their
 * provider keep the merged copy of their source current.
 */

import { recordAudit } from "../../audit/mod.ts";
import type { Actor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { assertOwned } from "../../tenancy/owned.ts";
import { toItem } from "./items.ts";
import type { ItemDoc, SourceDoc } from "./model.ts";
import { items } from "./repo.ts";
import type { Item } from "./schemas.ts";

type Ctx = Pick<AppContext, "store">;

const same = (a: SourceDoc, b: SourceDoc) => a.providerId === b.providerId && a.key === b.key;

export async function mergeItems(
  ctx: Ctx,
  storeId: string,
  targetId: string,
  fromIds: string[],
  by: Actor,
): Promise<Item> {
  const col = items(ctx, storeId);
  const target = await col.get(targetId);
  if (!target) throw new AppError("not_found", "Catalog item not found");
  await assertOwned(ctx, storeId, "item", fromIds, "/fromIds");
  // Every item is read and checked before the first write, so a refused merge changes nothing.
  const froms: ItemDoc[] = [];
  for (const id of fromIds) {
    if (id === targetId) continue;
    const from = await col.get(id);
    if (!from) throw new AppError("not_found", `Catalog item "${id}" not found`, { id });
    if (from.type !== target.type || target.type === "series")
      throw new AppError("unprocessable", "Only channels, movies or episodes of the same type merge", { id });
    froms.push(from);
  }
  const sources = [...target.sources];
  const merged: string[] = [];
  for (const from of froms) {
    const id = from._id;
    for (const source of from.sources) if (!sources.some((s) => same(s, source))) sources.push(source);
    const locked = from.locked.includes("enabled") ? from.locked : [...from.locked, "enabled"];
    await col.update(id, {
      mergedInto: targetId,
      enabled: false,
      locked,
      updatedAt: new Date().toISOString(),
    });
    merged.push(id);
  }
  const updated = await col.update(targetId, { sources, updatedAt: new Date().toISOString() });
  if (!updated) throw new AppError("not_found", "Catalog item not found");
  await recordAudit(ctx, {
    actor: by.principal,
    action: "catalog.item_merge",
    storeId,
    target: { type: "catalog_item", id: targetId },
    after: { merged, sources: sources.length },
    ip: by.ip,
    requestId: by.requestId,
  });
  return toItem(updated);
}

/** `order` lists current source positions in their new priority order; positions left out are dropped. */
export async function orderSources(
  ctx: Ctx,
  storeId: string,
  id: string,
  order: number[],
  by: Actor,
): Promise<Item> {
  const col = items(ctx, storeId);
  const item = await col.get(id);
  if (!item) throw new AppError("not_found", "Catalog item not found");
  if (
    new Set(order).size !== order.length ||
    order.some((i) => !Number.isInteger(i) || i < 0 || i >= item.sources.length)
  )
    throw new AppError("unprocessable", "order must list distinct positions of the item's current sources", {
      sources: item.sources.length,
    });
  const sources = order.map((i) => item.sources[i] as SourceDoc);
  const updated = await col.update(id, { sources, updatedAt: new Date().toISOString() });
  if (!updated) throw new AppError("not_found", "Catalog item not found");
  await recordAudit(ctx, {
    actor: by.principal,
    action: "catalog.item_sources",
    storeId,
    target: { type: "catalog_item", id },
    before: { sources: item.sources.length },
    after: { order },
    ip: by.ip,
    requestId: by.requestId,
  });
  return toItem(updated);
}
