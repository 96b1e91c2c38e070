/**
 * Series as panels answer `get_series` (the list) and `get_series_info` (seasons, the series'
 * `info` and its episodes by season). Panels send a series' rating as a whole-number string and
 * an episode's number and id as strings; an unknown series is an `info` whose fields are null,
 * which is how clients tell it apart.
 */
import type { ItemDoc } from "../catalog/mod.ts";
import { type CategoryIds, categoryFields, duration, ratingOf, secs, titleAndYear } from "./_shapes.ts";

function seriesInfoFields(item: ItemDoc, cats: CategoryIds) {
  const { rating, rating_5based } = ratingOf(item);
  return {
    ...titleAndYear(item.name),
    cover: item.logo ?? "",
    plot: item.plot ?? "",
    cast: "",
    director: "",
    genre: "",
    release_date: "",
    releaseDate: "",
    last_modified: secs(item.updatedAt),
    rating: String(Math.round(rating)),
    rating_5based,
    backdrop_path: [] as string[],
    youtube_trailer: "",
    episode_run_time: "0",
    ...categoryFields(item, cats),
  };
}

export function seriesShape(item: ItemDoc, num: number, cats: CategoryIds) {
  const { name, title, year, ...rest } = seriesInfoFields(item, cats);
  return { num, name, title, year, stream_type: "series", series_id: item.xid, ...rest };
}

function episodeShape(ep: ItemDoc, index: number, season: number) {
  const image = ep.logo ?? "";
  return {
    id: String(ep.xid),
    episode_num: String(ep.episode ?? index + 1),
    title: ep.name,
    container_extension: ep.containerExtension ?? "mp4",
    info: {
      tmdb_id: 0,
      release_date: "",
      plot: ep.plot ?? "",
      ...duration(ep.duration),
      movie_image: image,
      cover_big: image,
      bitrate: 0,
      ...ratingOf(ep),
      season,
    },
    subtitles: [] as string[],
    custom_sid: "",
    added: secs(ep.createdAt),
    season,
    direct_source: "",
  };
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
      vote_average: 0,
      cover: series.logo ?? "",
      cover_big: series.logo ?? "",
    })),
    info: seriesInfoFields(series, cats),
    episodes: Object.fromEntries(
      seasons.map((n) => [String(n), (bySeason.get(n) ?? []).map((ep, i) => episodeShape(ep, i, n))]),
    ),
  };
}

/** A series the line may not see, or that does not exist. */
export const NO_SERIES = {
  seasons: [],
  info: {
    name: null,
    title: null,
    year: null,
    cover: null,
    plot: null,
    cast: null,
    director: null,
    genre: null,
    release_date: null,
    releaseDate: null,
    last_modified: null,
    rating: "0",
    rating_5based: 0,
    backdrop_path: null,
    youtube_trailer: null,
    episode_run_time: null,
    category_id: "",
    category_ids: null,
  },
  episodes: [],
} as const;
