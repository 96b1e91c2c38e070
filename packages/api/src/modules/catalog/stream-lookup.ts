/**
 * Lookups for the streaming side's directory: what a stream is (store, packages, format) by
 * its id alone, and an upstream account's connection limit. Item and account ids are
 * globally unique, so these read across stores; callers hold ids they got from a route token
 * or from `resolveSources`, never from user input alone.
 */
import type { StreamType } from "@nevewatch/edge";
import type { AppContext } from "../../context.ts";
import { accountConnectionLimit } from "../providers/mod.ts";
import { packagesOf } from "./entitled.ts";
import { ITEMS_COLLECTION, type ItemDoc, type SourceFormat } from "./model.ts";
import { listPackageDocs } from "./packages.ts";
import { items } from "./repo.ts";
import { streamTypeOf } from "./stream-types.ts";

export interface StreamDescription {
  id: string;
  storeId: string;
  /** As the streaming side names types (`streamTypeOf`): episodes are "series", movies "vod". */
  type: StreamType;
  packageIds: string[];
  format: SourceFormat;
}

/** A playable item by id (or `storeId`-less lookups by the streaming side); null when unknown or disabled. */
export async function describeStream(
  ctx: Pick<AppContext, "store">,
  type: string,
  id: string,
): Promise<StreamDescription | null> {
  const doc = await ctx.store.collection<ItemDoc>(ITEMS_COLLECTION).get(id);
  const streamType = doc ? streamTypeOf(doc.type) : null;
  if (!doc || !streamType || streamType !== type || !doc.enabled || doc.missingSince != null) return null;
  const series = doc.seriesId == null ? null : await items(ctx, doc.storeId).get(doc.seriesId);
  const all = await listPackageDocs(ctx, doc.storeId);
  return {
    id: doc._id,
    storeId: doc.storeId,
    type: streamType,
    packageIds: packagesOf(all, doc, series),
    format: doc.sources[0]?.format ?? (streamType === "live" ? "ts" : "file"),
  };
}

/** The connection limit of an upstream account; 1 when the account is unknown. */
export function accountLimit(ctx: Pick<AppContext, "store">, accountId: string): Promise<number> {
  return accountConnectionLimit(ctx, accountId);
}
