/**
 * Movies as panels answer `get_vod_streams` (the list) and `get_vod_info` (one film: its
 * `info` block, the film's metadata as XUI.one stores it, and its `movie_data`). Metadata we do
 * not keep (cast, genre, TMDB id…) is sent empty in the type panels use for it, never left out:
 * clients read those fields without checking for them.
 */
import type { ItemDoc } from "../catalog/mod.ts";
import {
  type CategoryIds,
  categoryFields,
  duration,
  ratingOf,
  runTime,
  secs,
  titleAndYear,
} from "./_shapes.ts";

export function vodShape(item: ItemDoc, num: number, cats: CategoryIds) {
  return {
    num,
    ...titleAndYear(item.name),
    stream_type: "movie",
    stream_id: item.xid,
    stream_icon: item.logo ?? "",
    ...ratingOf(item),
    added: secs(item.createdAt),
    is_adult: "0",
    plot: item.plot ?? null,
    cast: null,
    director: null,
    genre: null,
    release_date: null,
    youtube_trailer: null,
    episode_run_time: runTime(item.duration),
    ...categoryFields(item, cats),
    container_extension: item.containerExtension ?? "mp4",
    custom_sid: "",
    direct_source: "",
  };
}

export function vodInfoShape(item: ItemDoc, cats: CategoryIds) {
  const poster = item.logo ?? "";
  return {
    info: {
      kinopoisk_url: "",
      tmdb_id: 0,
      name: item.name,
      o_name: item.name,
      cover_big: poster,
      movie_image: poster,
      release_date: "",
      releasedate: "",
      episode_run_time: runTime(item.duration) ?? 0,
      youtube_trailer: "",
      director: "",
      actors: "",
      cast: "",
      description: item.plot ?? "",
      plot: item.plot ?? "",
      age: "",
      mpaa_rating: "",
      rating_count_kinopoisk: 0,
      country: "",
      genre: "",
      backdrop_path: [] as string[],
      ...duration(item.duration),
      bitrate: 0,
      subtitles: [] as string[],
      ...ratingOf(item),
    },
    movie_data: {
      stream_id: item.xid,
      ...titleAndYear(item.name),
      added: secs(item.createdAt),
      ...categoryFields(item, cats),
      container_extension: item.containerExtension ?? "mp4",
      custom_sid: "",
      direct_source: "",
    },
  };
}

/** A film the line may not see, or that does not exist: what panels answer (clients test `info`). */
export const NO_VOD = { info: [], movie_data: [] } as const;
