/**
 * Catalog items in the exact shapes Xtream Codes panels answer with. Players are strict about
 * types: ids and counters are numbers where panels send numbers and strings where they send
 * strings, and that is what these functions reproduce field for field.
 */
import type { CategoryDoc, ItemDoc } from "../catalog/mod.ts";
import type { ProgrammeDoc } from "../epg/mod.ts";
import { panelTime } from "./session.ts";

const secs = (iso: string): string => String(Math.floor(Date.parse(iso) / 1000));

export function categoryShape(cat: Pick<CategoryDoc, "xid" | "name">) {
  return { category_id: String(cat.xid), category_name: cat.name, parent_id: 0 };
}

/** Category `_id` → numeric id string. */
export type CategoryIds = ReadonlyMap<string, string>;

function categoryFields(item: ItemDoc, cats: CategoryIds) {
  const id = item.categoryId == null ? undefined : cats.get(item.categoryId);
  return { category_id: id ?? "", category_ids: id === undefined ? [] : [Number(id)] };
}

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
  };
}

function rating(item: ItemDoc) {
  return {
    rating: item.rating == null ? "" : String(item.rating),
    rating_5based: item.rating == null ? 0 : Math.round(item.rating * 5) / 10,
  };
}

export function vodShape(item: ItemDoc, num: number, cats: CategoryIds) {
  return {
    num,
    name: item.name,
    stream_type: "movie",
    stream_id: item.xid,
    stream_icon: item.logo ?? "",
    ...rating(item),
    added: secs(item.createdAt),
    is_adult: "0",
    ...categoryFields(item, cats),
    container_extension: item.containerExtension ?? "mp4",
    custom_sid: "",
    direct_source: "",
  };
}

function duration(total: number | null): { duration_secs: number; duration: string } {
  const s = Math.max(0, Math.round(total ?? 0));
  const p = (n: number) => String(n).padStart(2, "0");
  return {
    duration_secs: s,
    duration: `${p(Math.floor(s / 3600))}:${p(Math.floor((s % 3600) / 60))}:${p(s % 60)}`,
  };
}

export function vodInfoShape(item: ItemDoc, cats: CategoryIds) {
  return {
    info: {
      movie_image: item.logo ?? "",
      name: item.name,
      plot: item.plot ?? "",
      genre: "",
      releasedate: "",
      ...rating(item),
      ...duration(item.duration ?? null),
    },
    movie_data: {
      stream_id: item.xid,
      name: item.name,
      added: secs(item.createdAt),
      ...categoryFields(item, cats),
      container_extension: item.containerExtension ?? "mp4",
      custom_sid: "",
      direct_source: "",
    },
  };
}

function seriesInfoFields(item: ItemDoc, cats: CategoryIds) {
  return {
    name: item.name,
    cover: item.logo ?? "",
    plot: item.plot ?? "",
    cast: "",
    director: "",
    genre: "",
    releaseDate: "",
    last_modified: secs(item.updatedAt),
    ...rating(item),
    backdrop_path: [] as string[],
    youtube_trailer: "",
    episode_run_time: "0",
    ...categoryFields(item, cats),
  };
}

export function seriesShape(item: ItemDoc, num: number, cats: CategoryIds) {
  return { num, ...seriesInfoFields(item, cats), series_id: item.xid };
}

export function seriesInfoShape(series: ItemDoc, episodes: ItemDoc[], cats: CategoryIds) {
  const bySeason = new Map<number, ItemDoc[]>();
  for (const ep of episodes) {
    const season = ep.season ?? 1;
    bySeason.set(season, [...(bySeason.get(season) ?? []), ep]);
  }
  const seasons = [...bySeason.keys()].sort((a, b) => a - b);
  return {
    seasons: seasons.map((n) => ({
      air_date: "",
      episode_count: bySeason.get(n)?.length ?? 0,
      id: n,
      name: `Season ${n}`,
      overview: "",
      season_number: n,
      cover: series.logo ?? "",
      cover_big: series.logo ?? "",
    })),
    info: seriesInfoFields(series, cats),
    episodes: Object.fromEntries(
      seasons.map((n) => [
        String(n),
        (bySeason.get(n) ?? []).map((ep, i) => ({
          id: String(ep.xid),
          episode_num: ep.episode ?? i + 1,
          title: ep.name,
          container_extension: ep.containerExtension ?? "mp4",
          info: { movie_image: ep.logo ?? "", plot: ep.plot ?? "", ...duration(ep.duration ?? null) },
          custom_sid: "",
          added: secs(ep.createdAt),
          season: n,
          direct_source: "",
        })),
      ]),
    ),
  };
}

const b64 = (text: string | null): string => Buffer.from(text ?? "").toString("base64");

/** One `epg_listings` row; titles and descriptions are base64 as panels send them. */
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
    ...(withNowPlaying ? { now_playing: start <= now && now < stop ? 1 : 0, has_archive: 0 } : {}),
  };
}
