/**
 * Library rules: every entry belongs to one profile of the calling viewer (checked through
 * the profiles module), and only items the viewer's plan still includes are listed.
 */
import type { AppContext } from "../../context.ts";
import { scoped } from "../../db/mod.ts";
import type { Collection } from "../../db/port.ts";
import { AppError, isAppError } from "../../errors/app-error.ts";
import { type Entitlement, type Item, itemsOf, sees, toItem } from "../catalog/mod.ts";
import { getProfileDoc } from "../profiles/mod.ts";
import { type EntryKind, FINISHED_RATIO, LIBRARY_COLLECTION, type LibraryEntryDoc } from "./model.ts";

type Ctx = Pick<AppContext, "store">;

export interface LibraryItemView {
  item: Item;
  position: number | null;
  duration: number | null;
  updatedAt: string;
}

function entries(ctx: Ctx, storeId: string): Collection<LibraryEntryDoc> {
  return scoped(ctx.store.collection<LibraryEntryDoc>(LIBRARY_COLLECTION), storeId);
}

/** The profile must be one of the viewer's; another viewer's profile is simply not found. */
export async function checkProfile(ctx: Ctx, ent: Entitlement, profileId: string): Promise<void> {
  await getProfileDoc(ctx, { storeId: ent.storeId, viewerId: ent.viewerId }, profileId);
}

async function visibleItem(ctx: Ctx, ent: Entitlement, itemId: string) {
  const item = await itemsOf(ctx, ent.storeId).get(itemId);
  const series = item?.seriesId ? await itemsOf(ctx, ent.storeId).get(item.seriesId) : null;
  if (!item || !sees(ent, item, series)) throw new AppError("not_found", "Catalog item not found");
  return item;
}

async function upsert(
  ctx: Ctx,
  ent: Entitlement,
  profileId: string,
  kind: EntryKind,
  itemId: string,
  values: Pick<LibraryEntryDoc, "position" | "duration">,
): Promise<void> {
  const col = entries(ctx, ent.storeId);
  const updatedAt = new Date().toISOString();
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = await col.findOne({ profileId, kind, itemId });
    if (existing) {
      await col.update(existing._id, { ...values, updatedAt });
      return;
    }
    try {
      await col.insert({
        storeId: ent.storeId,
        viewerId: ent.viewerId,
        profileId,
        kind,
        itemId,
        ...values,
        updatedAt,
      });
      return;
    } catch (error: unknown) {
      if (!isAppError(error) || error.code !== "duplicate") throw error;
    }
  }
}

export async function addFavorite(
  ctx: Ctx,
  ent: Entitlement,
  profileId: string,
  itemId: string,
): Promise<void> {
  await checkProfile(ctx, ent, profileId);
  await visibleItem(ctx, ent, itemId);
  await upsert(ctx, ent, profileId, "favorite", itemId, { position: null, duration: null });
}

export async function removeFavorite(
  ctx: Ctx,
  ent: Entitlement,
  profileId: string,
  itemId: string,
): Promise<void> {
  await checkProfile(ctx, ent, profileId);
  await entries(ctx, ent.storeId).deleteMany({ profileId, kind: "favorite", itemId });
}

/** Records watching: it moves the item to the top of recently watched and keeps the position. */
export async function recordProgress(
  ctx: Ctx,
  ent: Entitlement,
  profileId: string,
  itemId: string,
  position: number,
  duration: number | undefined,
): Promise<void> {
  await checkProfile(ctx, ent, profileId);
  const item = await visibleItem(ctx, ent, itemId);
  await upsert(ctx, ent, profileId, "progress", itemId, {
    position,
    duration: duration ?? item.duration ?? null,
  });
}

/** Newest first; entries whose item the plan no longer includes are left out, not deleted. */
export async function listEntries(
  ctx: Ctx,
  ent: Entitlement,
  profileId: string,
  kind: EntryKind,
  only?: (entry: LibraryEntryDoc) => boolean,
): Promise<LibraryItemView[]> {
  await checkProfile(ctx, ent, profileId);
  const page = await entries(ctx, ent.storeId).find(
    { profileId, kind },
    { sort: [["updatedAt", -1]], limit: 200 },
  );
  const out: LibraryItemView[] = [];
  for (const entry of page.items) {
    if (only && !only(entry)) continue;
    const item = await itemsOf(ctx, ent.storeId).get(entry.itemId);
    const series = item?.seriesId ? await itemsOf(ctx, ent.storeId).get(item.seriesId) : null;
    if (!item || !sees(ent, item, series)) continue;
    out.push({
      item: toItem(item),
      position: entry.position,
      duration: entry.duration,
      updatedAt: entry.updatedAt,
    });
  }
  return out;
}

/** Movies and episodes started but not finished. */
export function unfinished(entry: LibraryEntryDoc): boolean {
  if (entry.position === null || entry.position <= 0) return false;
  return entry.duration === null || entry.duration <= 0 || entry.position < entry.duration * FINISHED_RATIO;
}
