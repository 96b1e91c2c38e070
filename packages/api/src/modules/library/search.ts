/**
 * One search box across what the viewer may see: channels, movies and series by name (word
 * prefix of the first two words), and programmes by title on the viewer's channels.
 */
import type { AppContext } from "../../context.ts";
import { type Entitlement, type ItemDoc, type ItemType, listEntitled, toItem } from "../catalog/mod.ts";
import { loadGuideIndex, matchChannel, searchProgrammes, toProgramme } from "../epg/mod.ts";

type Ctx = Pick<AppContext, "store" | "cache" | "config">;

async function byType(
  ctx: Ctx,
  ent: Entitlement,
  type: ItemType,
  q: string,
  limit: number,
): Promise<ItemDoc[]> {
  return (await listEntitled(ctx, ent, { type, q, limit })).items.slice(0, limit);
}

export async function searchAll(ctx: Ctx, ent: Entitlement, q: string, limit: number) {
  const [channels, movies, series] = await Promise.all([
    byType(ctx, ent, "live", q, limit),
    byType(ctx, ent, "movie", q, limit),
    byType(ctx, ent, "series", q, limit),
  ]);
  // Programmes count when they air on a channel the viewer may watch.
  const allChannels: ItemDoc[] = [];
  let cursor: string | undefined;
  do {
    const page = await listEntitled(ctx, ent, { type: "live", limit: 500, ...(cursor ? { cursor } : {}) });
    allChannels.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && allChannels.length < 5000);
  const index = await loadGuideIndex(ctx, ent.storeId);
  const channelOf = new Map<string, string>();
  for (const ch of allChannels) {
    const key = matchChannel(index, ch).guideKey;
    if (key && !channelOf.has(key)) channelOf.set(key, ch._id);
  }
  const programmes = (await searchProgrammes(ctx, ent.storeId, q, limit * 4))
    .filter((p) => channelOf.has(p.guideKey))
    .slice(0, limit)
    .map((p) => ({ channelId: channelOf.get(p.guideKey) ?? "", programme: toProgramme(p) }));
  return {
    channels: channels.map(toItem),
    movies: movies.map(toItem),
    series: series.map(toItem),
    programmes,
  };
}
