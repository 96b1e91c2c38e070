/**
 * What a viewer's plan lets them see and play. The decision itself is the entitlements
 * module's `canWatch`; this file only translates items into the packages they belong to.
 */
import type { AppContext } from "../../context.ts";
import { encodeCursor, normalizeSort } from "../../db/cursor.ts";
import type { Page, Sort, SortDirection } from "../../db/port.ts";
import { AppError } from "../../errors/app-error.ts";
import { canWatch, type DenialCode } from "../entitlements/mod.ts";
import { itemFilter, itemSort } from "./items.ts";
import type { ItemDoc, PackageDoc } from "./model.ts";
import { listPackageDocs } from "./packages.ts";
import { items } from "./repo.ts";
import type { ViewerItemInput } from "./schemas.ts";

type Ctx = Pick<AppContext, "store" | "cache" | "config">;

export interface Entitlement {
  readonly storeId: string;
  readonly viewerId: string;
  /** The packages of the viewer's plan. */
  readonly packages: readonly PackageDoc[];
  readonly itemIds: ReadonlySet<string>;
  readonly categoryIds: ReadonlySet<string>;
  readonly screens: number;
}

export type EntitlementResult =
  | { ok: true; entitlement: Entitlement }
  | { ok: false; code: DenialCode; message: string };

/** The viewer's packages now, or why they have none (no or expired subscription, suspended store…). */
export async function viewerEntitlement(
  ctx: Ctx,
  storeId: string,
  viewerId: string,
): Promise<EntitlementResult> {
  const all = await listPackageDocs(ctx, storeId);
  const decision = await canWatch(ctx, {
    storeId,
    viewerId,
    streamId: "*",
    packageIds: all.map((p) => p._id),
  });
  if (!decision.allowed && decision.code !== "not_in_plan")
    return { ok: false, code: decision.code, message: decision.message };
  const included = new Set(decision.allowed ? decision.plan.packageIds : []);
  const packages = all.filter((p) => included.has(p._id));
  return {
    ok: true,
    entitlement: {
      storeId,
      viewerId,
      packages,
      itemIds: new Set(packages.flatMap((p) => p.itemIds)),
      categoryIds: new Set(packages.flatMap((p) => p.categoryIds)),
      screens: decision.allowed ? decision.screens : 0,
    },
  };
}

/** The ids of the packages an item belongs to; episodes belong where their series does. */
export function packagesOf(all: readonly PackageDoc[], item: ItemDoc, series?: ItemDoc | null): string[] {
  const owner = item.type === "episode" && series ? series : item;
  return all
    .filter(
      (p) =>
        p.itemIds.includes(owner._id) ||
        (owner.categoryId != null && p.categoryIds.includes(owner.categoryId)),
    )
    .map((p) => p._id);
}

export function sees(ent: Entitlement, item: ItemDoc, series?: ItemDoc | null): boolean {
  const owner = item.type === "episode" && series ? series : item;
  if (!owner.enabled || owner.missingSince != null || !item.enabled) return false;
  return ent.itemIds.has(owner._id) || (owner.categoryId != null && ent.categoryIds.has(owner.categoryId));
}

/** The list's sort, or the same keys backwards (with `_id` last, so ties reverse too). */
function sortOf(query: ViewerItemInput): Sort {
  const sort = itemSort(query);
  if (query.order !== "desc") return sort;
  return [...sort.map(([path, direction]) => [path, -direction as SortDirection] as const), ["_id", -1]];
}

/**
 * Items the viewer may see, a page at a time (filters in the database, entitlement in memory),
 * in list order or backwards (`order: "desc"`), from the start or from one item (`from`).
 */
export async function listEntitled(
  ctx: Ctx,
  ent: Entitlement,
  query: ViewerItemInput,
  series?: ItemDoc | null,
): Promise<Page<ItemDoc>> {
  const limit = query.limit ?? 100;
  const only = query.packageId === undefined ? null : ent.packages.find((p) => p._id === query.packageId);
  if (query.packageId !== undefined && !only) return { items: [], nextCursor: null };
  if (query.from !== undefined && query.cursor !== undefined)
    throw new AppError("bad_request", "Give either from or cursor, not both");
  const collection = items(ctx, ent.storeId);
  const filter = { $and: [itemFilter(query), { enabled: true, missingSince: null }] };
  const sort = sortOf(query);
  const out: ItemDoc[] = [];
  // Episodes are seen where their series is: look each series up once per answer.
  const parents = new Map<string, Promise<ItemDoc | null>>();
  if (series) parents.set(series._id, Promise.resolve(series));
  const seriesOf = (doc: ItemDoc): Promise<ItemDoc | null> => {
    if (doc.seriesId == null) return Promise.resolve(null);
    let parent = parents.get(doc.seriesId);
    if (!parent) {
      parent = collection.get(doc.seriesId);
      parents.set(doc.seriesId, parent);
    }
    return parent;
  };
  const keep = async (doc: ItemDoc) => {
    const parent = doc.type === "episode" ? await seriesOf(doc) : null;
    return sees(ent, doc, parent) && !(only && !packagesOf([only], doc, parent).length);
  };
  let cursor: string | null = query.cursor ?? null;
  if (query.from !== undefined) {
    // The page goes on just after the item; the item itself leads it when it matches the query.
    const anchor = await collection.get(query.from);
    if (!anchor || !sees(ent, anchor, await seriesOf(anchor)))
      throw new AppError("not_found", "Catalog item not found");
    const itself = await collection.find({ $and: [filter, { _id: anchor._id }] }, { limit: 1 });
    if (itself.items.length > 0 && (await keep(anchor))) out.push(anchor);
    cursor = encodeCursor(normalizeSort(sort), anchor);
  }
  // A few database pages at most per answer; the client continues from `nextCursor`.
  for (let round = 0; round < 20 && out.length < limit; round++) {
    const page = await collection.find(filter, {
      sort,
      limit: limit - out.length,
      ...(cursor === null ? {} : { cursor }),
    });
    for (const doc of page.items) if (await keep(doc)) out.push(doc);
    cursor = page.nextCursor;
    if (cursor === null || out.length >= limit) break;
  }
  return { items: out, nextCursor: cursor };
}

/** May this viewer play this item now? Answers with the entitlements module's decision. */
export async function playbackDecision(ctx: Ctx, storeId: string, viewerId: string, item: ItemDoc) {
  const series = item.seriesId == null ? null : await items(ctx, storeId).get(item.seriesId);
  const all = await listPackageDocs(ctx, storeId);
  return canWatch(ctx, { storeId, viewerId, streamId: item._id, packageIds: packagesOf(all, item, series) });
}
