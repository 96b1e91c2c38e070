/**
 * The part of the catalog a line may see, read page by page: entitled items of one type,
 * their categories with numeric ids, and the guide channel each live channel shows.
 */
import type { AppContext } from "../../context.ts";
import {
  type CategoryDoc,
  categoriesOf,
  type Entitlement,
  type ItemDoc,
  type ItemType,
  listEntitled,
  scan,
} from "../catalog/mod.ts";
import { type GuideIndex, loadGuideIndex, matchChannel } from "../epg/mod.ts";
import type { CategoryIds } from "./_shapes.ts";

type Ctx = Pick<AppContext, "store" | "cache" | "config">;

/** Every entitled item of a type (optionally of one category), in display order. */
export async function* entitledItems(
  ctx: Ctx,
  ent: Entitlement,
  type: ItemType,
  extra: { categoryId?: string; seriesId?: string } = {},
  series?: ItemDoc | null,
): AsyncGenerator<ItemDoc> {
  let cursor: string | undefined;
  do {
    const page = await listEntitled(
      ctx,
      ent,
      { type, limit: 500, ...extra, ...(cursor ? { cursor } : {}) },
      series,
    );
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

export interface CategoryTable {
  docs: CategoryDoc[];
  /** `_id` → numeric id string. */
  ids: CategoryIds;
  /** numeric id string → `_id`. */
  byXid: ReadonlyMap<string, string>;
}

export async function categoryTable(
  ctx: Ctx,
  storeId: string,
  type: "live" | "movie" | "series",
): Promise<CategoryTable> {
  const docs: CategoryDoc[] = [];
  for await (const doc of scan(categoriesOf(ctx, storeId), { type }, [["sortOrder", 1]])) docs.push(doc);
  return {
    docs,
    ids: new Map(docs.map((d) => [d._id, String(d.xid)])),
    byXid: new Map(docs.map((d) => [String(d.xid), d._id])),
  };
}

/** The guide channel id a player should use for a live channel (XMLTV and `tvg-id` agree on it). */
export function epgChannelId(index: GuideIndex, item: ItemDoc): string | null {
  return matchChannel(index, item).guideKey ?? item.epgId ?? null;
}

export { loadGuideIndex };
