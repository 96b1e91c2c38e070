import { epochMs, integer, type Json, list, number, put, record, text } from "./_xtream-coerce.ts";
import { rating, seriesDetails } from "./_xtream-normalise.ts";
import type { XtreamEpisodeEntry, XtreamSeason, XtreamSeries, XtreamSeriesInfo } from "./xtream-types.ts";
import type { XtreamStreamUrls } from "./xtream-urls.ts";

/**
 * Normalises `get_series_info`. Panels send `episodes` as an object keyed by season number,
 * or (when PHP saw sequential keys) as an array of arrays; `info` may be `[]` when empty.
 */
export function normaliseSeriesInfo(
  body: Json,
  seriesId: number,
  urls: XtreamStreamUrls,
  warn: (message: string) => void,
): XtreamSeriesInfo {
  const info = record(body.info) ?? {};
  const series: XtreamSeries = {
    seriesId,
    title: text(info.name) ?? text(info.title) ?? `Series ${seriesId}`,
  };
  seriesDetails(info, series);
  put(series, "categoryId", text(info.category_id));
  const seasons: XtreamSeason[] = [];
  for (const item of list(body.seasons) ?? []) {
    const season = normaliseSeason(item);
    if (season !== undefined) seasons.push(season);
  }
  const episodes: XtreamEpisodeEntry[] = [];
  // Keyed by season number, or a list of seasons (1-based by position).
  const groups: [number | undefined, unknown][] = Array.isArray(body.episodes)
    ? body.episodes.map((group: unknown, index) => [index + 1, group])
    : Object.entries(record(body.episodes) ?? {}).map(([key, group]) => [integer(key), group]);
  for (const [seasonNumber, group] of groups) {
    for (const item of list(group) ?? []) {
      const episode = normaliseEpisode(item, seasonNumber, series, urls);
      if (episode === undefined) warn(`episode without an id in series ${seriesId}; skipped`);
      else episodes.push(episode);
    }
  }
  episodes.sort((a, b) => a.season - b.season || (a.episode ?? 0) - (b.episode ?? 0));
  return { series, seasons, episodes };
}

function normaliseSeason(item: unknown): XtreamSeason | undefined {
  const json = record(item);
  const number_ = integer(json?.season_number);
  if (json === undefined || number_ === undefined) return undefined;
  const season: XtreamSeason = { season: number_ };
  put(season, "name", text(json.name));
  put(season, "episodeCount", integer(json.episode_count));
  put(season, "cover", text(json.cover_big) ?? text(json.cover));
  put(season, "airDate", text(json.air_date));
  put(season, "overview", text(json.overview));
  return season;
}

function normaliseEpisode(
  item: unknown,
  seasonNumber: number | undefined,
  series: XtreamSeries,
  urls: XtreamStreamUrls,
): XtreamEpisodeEntry | undefined {
  const json = record(item);
  const episodeId = integer(json?.id);
  if (json === undefined || episodeId === undefined) return undefined;
  const info = record(json.info) ?? {};
  const extension = text(json.container_extension) ?? "mp4";
  const season = integer(json.season) ?? seasonNumber ?? 1;
  const entry: XtreamEpisodeEntry = {
    kind: "series",
    title: text(json.title) ?? `${series.title} S${season}`,
    url: urls.episode(episodeId, extension),
    duration: integer(info.duration_secs) ?? -1,
    episodeId,
    seriesId: series.seriesId,
    season,
    containerExtension: extension,
  };
  put(entry, "episode", integer(json.episode_num));
  put(entry, "logo", text(info.movie_image) ?? text(info.cover_big) ?? series.cover);
  put(entry, "group", series.title);
  put(entry, "plot", text(info.plot));
  put(entry, "releaseDate", text(info.releasedate) ?? text(info.release_date) ?? text(info.air_date));
  put(entry, "rating", rating(info) ?? number(json.rating));
  put(entry, "addedAt", epochMs(json.added));
  return entry;
}
