/**
 * Storage of the catalog: the only code that names its collections. Every collection is seen
 * through `scoped`, so another store's documents are never found.
 */
import type { AppContext } from "../../context.ts";
import { scan, scoped } from "../../db/mod.ts";
import type { Collection, Filter } from "../../db/port.ts";
import { isAppError } from "../../errors/app-error.ts";
import {
  CATEGORIES_COLLECTION,
  type CategoryDoc,
  COUNTERS_COLLECTION,
  type CounterDoc,
  ITEMS_COLLECTION,
  type ItemDoc,
  PACKAGES_COLLECTION,
  type PackageDoc,
} from "./model.ts";

type Ctx = Pick<AppContext, "store">;

export function items(ctx: Ctx, storeId: string): Collection<ItemDoc> {
  return scoped(ctx.store.collection<ItemDoc>(ITEMS_COLLECTION), storeId);
}

export function categories(ctx: Ctx, storeId: string): Collection<CategoryDoc> {
  return scoped(ctx.store.collection<CategoryDoc>(CATEGORIES_COLLECTION), storeId);
}

export function packages(ctx: Ctx, storeId: string): Collection<PackageDoc> {
  return scoped(ctx.store.collection<PackageDoc>(PACKAGES_COLLECTION), storeId);
}

/**
 * Reserves `count` consecutive numeric ids for the store and returns the first. Xtream-style
 * players key everything on integers, so ids are never reused.
 */
export async function reserveXids(ctx: Ctx, storeId: string, count: number): Promise<number> {
  const counters: Collection<CounterDoc> = scoped(
    ctx.store.collection<CounterDoc>(COUNTERS_COLLECTION),
    storeId,
  );
  const id = `xid:${storeId}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const next = await counters.increment(id, { value: count });
    if (next) return next.value - count + 1;
    try {
      await counters.insert({ _id: id, storeId, value: count });
      return 1;
    } catch (error: unknown) {
      if (!isAppError(error) || error.code !== "duplicate") throw error;
    }
  }
  throw new Error("Could not reserve catalog ids");
}

/**
 * Every item of the store matching `filter`, in xid ranges: each range is one seek on the
 * (storeId, xid) index, so a scan of N items costs N, where cursor paging on a filter that
 * no index covers would re-read the store for every page.
 */
export async function* scanItems(ctx: Ctx, storeId: string, filter: Filter): AsyncGenerator<ItemDoc> {
  const counters = scoped(ctx.store.collection<CounterDoc>(COUNTERS_COLLECTION), storeId);
  const last = (await counters.get(`xid:${storeId}`))?.value ?? 0;
  const collection = items(ctx, storeId);
  for (let from = 1; from <= last; from += 1000) {
    const page = await collection.find(
      { $and: [filter, { xid: { gte: from, lt: from + 1000 } }] },
      { sort: [["xid", 1]], limit: 1000 },
    );
    yield* page.items;
  }
}

export { scan };
