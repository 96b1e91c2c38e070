/**
 * Catalog items in the shapes Xtream Codes panels answer with (XUI.one and its forks, field for
 * field). Players are strict about types: ids and counters are numbers where panels send numbers
 * and strings where they send strings, and that is what these functions reproduce. Movies and
 * series, which carry the most fields, are in `_vod-shapes.ts` and `_series-shapes.ts`.
 */
import type { CategoryDoc, ItemDoc } from "../catalog/mod.ts";
import type { ProgrammeDoc } from "../epg/mod.ts";
import { panelTime } from "./session.ts";

/** Unix seconds as the string panels send. */
export const secs = (iso: string): string => String(Math.floor(Date.parse(iso) / 1000));

export function categoryShape(cat: Pick<CategoryDoc, "xid" | "name">) {
  return { category_id: String(cat.xid), category_name: cat.name, parent_id: 0 };
}

/** Category `_id` → numeric id string. */
export type CategoryIds = ReadonlyMap<string, string>;

export function categoryFields(item: ItemDoc, cats: CategoryIds) {
  const id = item.categoryId == null ? undefined : cats.get(item.categoryId);
  return { category_id: id ?? "", category_ids: id === undefined ? [] : [Number(id)] };
}

/**
 * Panels keep a film's or a series' title and year apart and show them as `Title (Year)`; an
 * imported name already has that form or has no year at all.
 */
export function titleAndYear(name: string): { name: string; title: string; year: string } {
  const match = /^(.*\S)\s+\((\d{4})\)$/.exec(name);
  return match ? { name, title: match[1] ?? name, year: match[2] ?? "" } : { name, title: name, year: "" };
}

/** Ratings are out of 10; `rating_5based` is half of it, to one decimal. */
export function ratingOf(item: ItemDoc): { rating: number; rating_5based: number } {
  const rating = item.rating ?? 0;
  return { rating: Math.round(rating * 10) / 10, rating_5based: Math.round(rating * 5) / 10 };
}

export function duration(total: number | null | undefined): { duration_secs: number; duration: string } {
  const s = Math.max(0, Math.round(total ?? 0));
  const p = (n: number) => String(n).padStart(2, "0");
  return {
    duration_secs: s,
    duration: `${p(Math.floor(s / 3600))}:${p(Math.floor((s % 3600) / 60))}:${p(s % 60)}`,
  };
}

/** Minutes, as `episode_run_time`; null when the length is unknown. */
export const runTime = (seconds: number | null | undefined): number | null =>
  seconds == null ? null : Math.round(seconds / 60);

export function liveShape(item: ItemDoc, num: number, cats: CategoryIds, epgChannelId: string | null) {
  return {
    num,
    name: item.name,
    stream_type: "live",
    stream_id: item.xid,
    stream_icon: item.logo ?? "",
    epg_channel_id: epgChannelId,
    added: secs(item.createdAt),
    is_adult: "0",
    ...categoryFields(item, cats),
    custom_sid: "",
    tv_archive: 0,
    direct_source: "",
    tv_archive_duration: 0,
    thumbnail: "",
  };
}

const b64 = (text: string | null): string => Buffer.from(text ?? "").toString("base64");

/**
 * One `epg_listings` row; titles and descriptions are base64 as panels send them. `start` and
 * `end` are panel times, `stop` repeats `end` (XUI.one adds it to the short guide).
 */
export function listingShape(p: ProgrammeDoc, item: ItemDoc, now: number, withNowPlaying: boolean) {
  const start = Date.parse(p.start);
  const stop = Date.parse(p.stop);
  return {
    id: p._id,
    epg_id: String(item.xid),
    title: b64(p.title),
    lang: "",
    start: panelTime(start),
    end: panelTime(stop),
    description: b64(p.description),
    channel_id: p.guideKey,
    start_timestamp: String(Math.floor(start / 1000)),
    stop_timestamp: String(Math.floor(stop / 1000)),
    ...(withNowPlaying
      ? { now_playing: start <= now && now < stop ? 1 : 0, has_archive: 0 }
      : { stop: panelTime(stop) }),
  };
}
