/**
 * `player_api.php` actions, answered as Xtream Codes panels answer them. Every list is
 * limited to what the line's plan includes; unknown or hidden ids answer empty shapes, as
 * panels do, never another store's or another plan's data.
 */
import type { AppContext } from "../../context.ts";
import { findItem, type ItemDoc, itemsOf, sees } from "../catalog/mod.ts";
import { grid, upcoming } from "../epg/mod.ts";
import { NO_SERIES, seriesInfoShape, seriesShape } from "./_series-shapes.ts";
import { categoryShape, listingShape, liveShape } from "./_shapes.ts";
import { NO_VOD, vodInfoShape, vodShape } from "./_vod-shapes.ts";
import { categoryTable, entitledItems, epgChannelId, loadGuideIndex } from "./catalog-view.ts";
import { type LineSession, serverInfo, userInfo } from "./session.ts";

type Ctx = Pick<AppContext, "store" | "cache" | "config">;
export type ActionQuery = Record<string, string | undefined>;

const TYPE_OF_ACTION = { live: "live", vod: "movie", series: "series" } as const;

async function categories(ctx: Ctx, s: LineSession, kind: keyof typeof TYPE_OF_ACTION) {
  const ent = s.entitlement;
  if (!ent) return [];
  const type = TYPE_OF_ACTION[kind];
  const table = await categoryTable(ctx, s.storeId, type);
  const used = new Set<string>();
  for await (const item of entitledItems(ctx, ent, type)) if (item.categoryId) used.add(item.categoryId);
  return table.docs.filter((d) => used.has(d._id)).map(categoryShape);
}

async function streams(ctx: Ctx, s: LineSession, kind: keyof typeof TYPE_OF_ACTION, q: ActionQuery) {
  const ent = s.entitlement;
  if (!ent) return [];
  const type = TYPE_OF_ACTION[kind];
  const table = await categoryTable(ctx, s.storeId, type);
  const categoryId = q.category_id === undefined ? undefined : table.byXid.get(q.category_id);
  if (q.category_id !== undefined && categoryId === undefined) return [];
  const index = kind === "live" ? await loadGuideIndex(ctx, s.storeId) : null;
  const out: unknown[] = [];
  let num = 0;
  for await (const item of entitledItems(ctx, ent, type, categoryId ? { categoryId } : {})) {
    num++;
    if (kind === "live")
      out.push(liveShape(item, num, table.ids, index ? epgChannelId(index, item) : (item.epgId ?? null)));
    else if (kind === "vod") out.push(vodShape(item, num, table.ids));
    else out.push(seriesShape(item, num, table.ids));
  }
  return out;
}

/** An item the line may see, by the numeric id a player sends. */
async function visible(ctx: Ctx, s: LineSession, ref: string | undefined, type: ItemDoc["type"]) {
  if (!s.entitlement || ref === undefined || !/^\d{1,15}$/.test(ref)) return null;
  const item = await findItem(ctx, s.storeId, ref);
  if (!item || item.type !== type) return null;
  const series = item.seriesId ? await itemsOf(ctx, s.storeId).get(item.seriesId) : null;
  return sees(s.entitlement, item, series) ? item : null;
}

async function vodInfo(ctx: Ctx, s: LineSession, q: ActionQuery) {
  const item = await visible(ctx, s, q.vod_id, "movie");
  if (!item) return NO_VOD;
  return vodInfoShape(item, (await categoryTable(ctx, s.storeId, "movie")).ids);
}

async function seriesInfo(ctx: Ctx, s: LineSession, q: ActionQuery) {
  const series = await visible(ctx, s, q.series_id, "series");
  if (!series || !s.entitlement) return NO_SERIES;
  const episodes: ItemDoc[] = [];
  for await (const ep of entitledItems(ctx, s.entitlement, "episode", { seriesId: series._id }, series))
    episodes.push(ep);
  return seriesInfoShape(series, episodes, (await categoryTable(ctx, s.storeId, "series")).ids);
}

async function shortEpg(ctx: Ctx, s: LineSession, q: ActionQuery, table: boolean) {
  const item = await visible(ctx, s, q.stream_id, "live");
  if (!item) return { epg_listings: [] };
  const key = epgChannelId(await loadGuideIndex(ctx, s.storeId), item);
  if (!key) return { epg_listings: [] };
  const now = Date.now();
  if (!table) {
    const limit = Math.min(Math.max(Number(q.limit ?? 4) || 4, 1), 100);
    const list = await upcoming(ctx, s.storeId, key, new Date(now), limit);
    return { epg_listings: list.map((p) => listingShape(p, item, now, false)) };
  }
  const from = new Date(now - 86_400_000);
  const to = new Date(now + 7 * 86_400_000);
  const list = (await grid(ctx, s.storeId, [key], from, to)).get(key) ?? [];
  return { epg_listings: list.map((p) => listingShape(p, item, now, true)) };
}

/**
 * Answers one action; undefined for an action we do not know (the caller answers `[]`). No
 * action, `get_profile` and `get_server_info` all answer the account: XUI-style panels do, and
 * client libraries ask for the account by those two actions.
 */
export async function runAction(
  ctx: Ctx,
  s: LineSession,
  action: string,
  q: ActionQuery,
  serverUrl: string,
): Promise<unknown> {
  switch (action) {
    case "":
    case "get_profile":
    case "get_server_info":
      return { user_info: userInfo(s), server_info: serverInfo(serverUrl) };
    case "get_live_categories":
      return categories(ctx, s, "live");
    case "get_vod_categories":
      return categories(ctx, s, "vod");
    case "get_series_categories":
      return categories(ctx, s, "series");
    case "get_live_streams":
      return streams(ctx, s, "live", q);
    case "get_vod_streams":
      return streams(ctx, s, "vod", q);
    case "get_series":
      return streams(ctx, s, "series", q);
    case "get_vod_info":
      return vodInfo(ctx, s, q);
    case "get_series_info":
      return seriesInfo(ctx, s, q);
    case "get_short_epg":
      return shortEpg(ctx, s, q, false);
    case "get_simple_data_table":
      return shortEpg(ctx, s, q, true);
    default:
      return undefined;
  }
}
