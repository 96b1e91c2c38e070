/**
 * The two file outputs: `get.php` (an M3U+ playlist of everything the line's plan includes,
 * streamed entry by entry) and `xmltv.php` (the guide of the line's live channels).
 */
import type { AppContext } from "../../context.ts";
import {
  type CatalogEntry,
  formatXmltvChannel,
  formatXmltvHeader,
  formatXmltvProgramme,
  m3uStream,
  XMLTV_FOOTER,
} from "../../iptv/mod.ts";
import type { ItemDoc } from "../catalog/mod.ts";
import { grid, upcoming } from "../epg/mod.ts";
import { categoryTable, entitledItems, epgChannelId, loadGuideIndex } from "./catalog-view.ts";
import type { LineSession } from "./session.ts";

type Ctx = Pick<AppContext, "store" | "cache" | "config">;

export interface PlaylistOptions {
  serverUrl: string;
  output: "ts" | "m3u8";
}

/**
 * The extension a live entry is listed with: the one its stream route will really deliver. The
 * route honours the asked format when some source of the channel has it, else it sends the
 * channel's first source's format (`liveFormat` in streaming/route.ts), so an HLS-only channel
 * in an `output=ts` list is a `.m3u8`, as Xtream panels list it, not a `.ts` that redirects to one.
 */
export function liveExtension(item: Pick<ItemDoc, "sources">, output: "ts" | "m3u8"): "ts" | "m3u8" {
  const wanted = output === "m3u8" ? "hls" : "ts";
  const formats = item.sources.map((s) => s.format);
  const format = formats.includes(wanted) ? wanted : (formats[0] ?? wanted);
  return format === "hls" ? "m3u8" : format === "ts" ? "ts" : output;
}

function streamUrl(base: string, s: LineSession, kind: string, item: ItemDoc, ext: string): string {
  return `${base}/${kind}/${encodeURIComponent(s.line.username)}/${encodeURIComponent(s.password)}/${item.xid}.${ext}`;
}

async function* playlistEntries(
  ctx: Ctx,
  s: LineSession,
  options: PlaylistOptions,
): AsyncGenerator<CatalogEntry> {
  const ent = s.entitlement;
  if (!ent) return;
  const index = await loadGuideIndex(ctx, s.storeId);
  const base = options.serverUrl;
  const live = await categoryTable(ctx, s.storeId, "live");
  const names = (table: Awaited<ReturnType<typeof categoryTable>>) =>
    new Map(table.docs.map((d) => [d._id, d.name]));
  const liveNames = names(live);
  for await (const item of entitledItems(ctx, ent, "live")) {
    const tvgId = epgChannelId(index, item);
    const group = item.categoryId ? liveNames.get(item.categoryId) : undefined;
    yield {
      kind: "live",
      title: item.name,
      url: streamUrl(base, s, "live", item, liveExtension(item, options.output)),
      duration: -1,
      tvgName: item.name,
      ...(tvgId ? { tvgId } : {}),
      ...(item.logo ? { logo: item.logo } : {}),
      ...(item.number != null ? { channelNumber: item.number } : {}),
      ...(group ? { group } : {}),
    };
  }
  const movieNames = names(await categoryTable(ctx, s.storeId, "movie"));
  for await (const item of entitledItems(ctx, ent, "movie")) {
    const group = item.categoryId ? movieNames.get(item.categoryId) : undefined;
    yield {
      kind: "vod",
      title: item.name,
      url: streamUrl(base, s, "movie", item, item.containerExtension ?? "mp4"),
      duration: item.duration ?? -1,
      tvgName: item.name,
      ...(item.logo ? { logo: item.logo } : {}),
      ...(group ? { group } : {}),
    };
  }
  const seriesNames = names(await categoryTable(ctx, s.storeId, "series"));
  for await (const series of entitledItems(ctx, ent, "series")) {
    const group = series.categoryId ? seriesNames.get(series.categoryId) : undefined;
    for await (const ep of entitledItems(ctx, ent, "episode", { seriesId: series._id }, series)) {
      const tag =
        ep.season != null && ep.episode != null
          ? ` S${String(ep.season).padStart(2, "0")} E${String(ep.episode).padStart(2, "0")}`
          : "";
      const title = ep.season != null ? `${series.name}${tag}` : ep.name;
      yield {
        kind: "series",
        title,
        url: streamUrl(base, s, "series", ep, ep.containerExtension ?? "mp4"),
        duration: ep.duration ?? -1,
        tvgName: title,
        ...(series.logo ? { logo: series.logo } : {}),
        ...(group ? { group } : {}),
      };
    }
  }
}

export function playlist(ctx: Ctx, s: LineSession, options: PlaylistOptions): ReadableStream<Uint8Array> {
  const q = `username=${encodeURIComponent(s.line.username)}&password=${encodeURIComponent(s.password)}`;
  return m3uStream(playlistEntries(ctx, s, options), { epgUrls: [`${options.serverUrl}/xmltv.php?${q}`] });
}

async function* guideChunks(ctx: Ctx, s: LineSession): AsyncGenerator<string> {
  yield formatXmltvHeader();
  const ent = s.entitlement;
  if (!ent) {
    yield XMLTV_FOOTER;
    return;
  }
  const index = await loadGuideIndex(ctx, s.storeId);
  const now = Date.now();
  const from = new Date(now - 86_400_000);
  const to = new Date(now + 8 * 86_400_000);
  const channels = new Map<string, ItemDoc>();
  for await (const item of entitledItems(ctx, ent, "live")) {
    const key = epgChannelId(index, item);
    if (key && index.keys.has(key) && !channels.has(key)) channels.set(key, item);
  }
  // Every <channel> comes before every <programme>, and the XMLTV tools refuse a channel with
  // none: list only the channels that have a programme in the window.
  const keys: string[] = [];
  for (const [key, item] of channels) {
    const [first] = await upcoming(ctx, s.storeId, key, from, 1);
    if (!first || first.start >= to.toISOString()) continue;
    keys.push(key);
    yield formatXmltvChannel({ id: key, displayName: item.name, icon: item.logo });
  }
  for (let i = 0; i < keys.length; i += 50) {
    const byKey = await grid(ctx, s.storeId, keys.slice(i, i + 50), from, to);
    let text = "";
    for (const [key, list] of byKey) {
      for (const p of list) text += formatXmltvProgramme({ ...p, channel: key });
    }
    if (text) yield text;
  }
  yield XMLTV_FOOTER;
}

export function guide(ctx: Ctx, s: LineSession): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const chunks = guideChunks(ctx, s);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
