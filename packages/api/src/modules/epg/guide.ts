/**
 * Guide queries: which guide channel a catalog channel shows (its `epgId` — the playlist's
 * tvg-id or an admin's manual override — when the guide lists it, else the first guide channel
 * whose normalised display name matches), now/next, time-range grids and programme search.
 */
import type { AppContext } from "../../context.ts";
import { scan } from "../../db/mod.ts";
import { channelMatchKey } from "../../iptv/mod.ts";
import type { ItemDoc } from "../catalog/mod.ts";
import { searchKeyOf } from "../catalog/mod.ts";
import type { Programme, ProgrammeDoc } from "./model.ts";
import { guideChannels, programmes } from "./repo.ts";

type Ctx = Pick<AppContext, "store">;

/** Programmes started this long before a window can still be running in it. */
const LONGEST_PROGRAMME_MS = 12 * 3_600_000;

export interface ChannelMatch {
  channelId: string;
  guideKey: string | null;
  matchedBy: "epg-id" | "name" | null;
}

export interface GuideIndex {
  keys: Set<string>;
  byName: Map<string, string>;
}

/** The store's guide channels, for matching. */
export async function loadGuideIndex(ctx: Ctx, storeId: string): Promise<GuideIndex> {
  const keys = new Set<string>();
  const byName = new Map<string, string>();
  for await (const ch of scan(guideChannels(ctx, storeId))) {
    keys.add(ch.guideKey);
    for (const key of ch.matchKeys) if (!byName.has(key)) byName.set(key, ch.guideKey);
  }
  return { keys, byName };
}

export function matchChannel(
  index: GuideIndex,
  channel: Pick<ItemDoc, "_id" | "epgId" | "name">,
): ChannelMatch {
  if (channel.epgId && index.keys.has(channel.epgId))
    return { channelId: channel._id, guideKey: channel.epgId, matchedBy: "epg-id" };
  const byName = index.byName.get(channelMatchKey(channel.name));
  if (byName) return { channelId: channel._id, guideKey: byName, matchedBy: "name" };
  return { channelId: channel._id, guideKey: null, matchedBy: null };
}

export function toProgramme(doc: ProgrammeDoc): Programme {
  return {
    id: doc._id,
    guideKey: doc.guideKey,
    start: doc.start,
    stop: doc.stop,
    title: doc.title,
    subTitle: doc.subTitle,
    description: doc.description,
    categories: doc.categories,
    season: doc.season,
    episode: doc.episode,
    icon: doc.icon,
  };
}

/** The programme on air at `at` and the ones after it, per guide channel (`count` in all). */
export async function upcoming(
  ctx: Ctx,
  storeId: string,
  guideKey: string,
  at: Date,
  count = 2,
): Promise<ProgrammeDoc[]> {
  const page = await programmes(ctx, storeId).find(
    {
      guideKey,
      start: { gte: new Date(at.getTime() - LONGEST_PROGRAMME_MS).toISOString() },
      stop: { gt: at.toISOString() },
    },
    { sort: [["start", 1]], limit: count },
  );
  return page.items;
}

/**
 * Programmes of the guide channels overlapping [from, to), grouped by guide channel. One range
 * query per channel: each is a seek on (storeId, guideKey, start), where one query with an `in`
 * list over many channels lets SQLite pick a worse plan.
 */
export async function grid(
  ctx: Ctx,
  storeId: string,
  guideKeys: readonly string[],
  from: Date,
  to: Date,
): Promise<Map<string, ProgrammeDoc[]>> {
  const out = new Map<string, ProgrammeDoc[]>();
  const start = { gte: new Date(from.getTime() - LONGEST_PROGRAMME_MS).toISOString(), lt: to.toISOString() };
  const stop = { gt: from.toISOString() };
  const one = async (guideKey: string): Promise<void> => {
    const list: ProgrammeDoc[] = [];
    let cursor: string | null = null;
    do {
      const page = await programmes(ctx, storeId).find(
        { guideKey, start, stop },
        { sort: [["start", 1]], limit: 1000, ...(cursor === null ? {} : { cursor }) },
      );
      list.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    if (list.length > 0) out.set(guideKey, list);
  };
  const unique = [...new Set(guideKeys)];
  for (let i = 0; i < unique.length; i += 100) await Promise.all(unique.slice(i, i + 100).map(one));
  return out;
}

/** Programmes not yet over whose title starts with the query. */
export async function searchProgrammes(
  ctx: Ctx,
  storeId: string,
  query: string,
  limit = 20,
): Promise<ProgrammeDoc[]> {
  const prefix = searchKeyOf(query);
  if (prefix === "") return [];
  const page = await programmes(ctx, storeId).find(
    { titleKey: { prefix }, stop: { gt: new Date().toISOString() } },
    { sort: [["titleKey", 1]], limit },
  );
  return page.items;
}
