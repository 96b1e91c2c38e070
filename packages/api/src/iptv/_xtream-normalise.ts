import { epochMs, flag, integer, type Json, number, put, record, strings, text } from "./_xtream-coerce.ts";
import type {
  XtreamAccount,
  XtreamCategory,
  XtreamLiveEntry,
  XtreamSeries,
  XtreamVodEntry,
} from "./xtream-types.ts";
import type { XtreamStreamUrls } from "./xtream-urls.ts";

/** Context for normalising one list: URL builders, category names, where to report skips. */
export interface NormaliseContext {
  urls: XtreamStreamUrls;
  liveFormat: string;
  categoryNames: ReadonlyMap<string, string>;
  warn: (message: string) => void;
}

export function normaliseAccount(body: Json): XtreamAccount | undefined {
  const user = record(body.user_info);
  if (user === undefined) return undefined;
  const server = record(body.server_info) ?? {};
  const account: XtreamAccount = {
    username: text(user.username) ?? "",
    status: text(user.status) ?? "Unknown",
    isTrial: flag(user.is_trial),
    allowedOutputFormats: strings(user.allowed_output_formats),
    server: {},
  };
  put(account, "expiresAt", epochMs(user.exp_date));
  put(account, "createdAt", epochMs(user.created_at));
  put(account, "activeConnections", integer(user.active_cons));
  put(account, "maxConnections", integer(user.max_connections));
  put(account, "message", text(user.message));
  put(account.server, "url", text(server.url));
  put(account.server, "port", integer(server.port));
  put(account.server, "httpsPort", integer(server.https_port));
  put(account.server, "protocol", text(server.server_protocol));
  put(account.server, "timezone", text(server.timezone));
  put(account.server, "now", epochMs(server.timestamp_now));
  return account;
}

export function normaliseCategory(item: unknown): XtreamCategory | undefined {
  const json = record(item);
  const id = text(json?.category_id);
  if (json === undefined || id === undefined) return undefined;
  const category: XtreamCategory = { id, name: text(json.category_name) ?? id };
  const parent = text(json.parent_id);
  if (parent !== undefined && parent !== "0") category.parentId = parent;
  return category;
}

function streamFields(
  json: Json,
  target: { categoryId?: string; categoryIds?: string[]; addedAt?: number; isAdult?: boolean },
) {
  put(target, "categoryId", text(json.category_id));
  const ids = strings(json.category_ids);
  if (ids.length > 0) target.categoryIds = ids;
  put(target, "addedAt", epochMs(json.added));
  if (flag(json.is_adult)) target.isAdult = true;
}

export function normaliseLive(item: unknown, context: NormaliseContext): XtreamLiveEntry | undefined {
  const json = record(item);
  const streamId = integer(json?.stream_id);
  if (json === undefined || streamId === undefined) {
    context.warn("live stream without a stream_id; skipped");
    return undefined;
  }
  const entry: XtreamLiveEntry = {
    kind: "live",
    title: text(json.name) ?? `Stream ${streamId}`,
    url: context.urls.live(streamId, context.liveFormat),
    duration: -1,
    streamId,
  };
  put(entry, "tvgId", text(json.epg_channel_id));
  put(entry, "tvgName", text(json.name));
  put(entry, "logo", text(json.stream_icon));
  put(entry, "channelNumber", number(json.num));
  streamFields(json, entry);
  put(entry, "group", context.categoryNames.get(entry.categoryId ?? ""));
  if (flag(json.tv_archive)) {
    entry.catchup = { mode: "xc" };
    put(entry.catchup, "days", integer(json.tv_archive_duration));
  }
  return entry;
}

export function normaliseVod(item: unknown, context: NormaliseContext): XtreamVodEntry | undefined {
  const json = record(item);
  const streamId = integer(json?.stream_id);
  if (json === undefined || streamId === undefined) {
    context.warn("VOD stream without a stream_id; skipped");
    return undefined;
  }
  const extension = text(json.container_extension) ?? "mp4";
  const entry: XtreamVodEntry = {
    kind: "vod",
    title: text(json.name) ?? text(json.title) ?? `Movie ${streamId}`,
    url: context.urls.movie(streamId, extension),
    duration: -1,
    streamId,
    containerExtension: extension,
  };
  put(entry, "logo", text(json.stream_icon));
  streamFields(json, entry);
  put(entry, "group", context.categoryNames.get(entry.categoryId ?? ""));
  put(entry, "rating", rating(json));
  put(entry, "tmdbId", text(json.tmdb) ?? text(json.tmdb_id));
  put(entry, "year", integer(json.year));
  return entry;
}

export function normaliseSeries(
  item: unknown,
  categoryNames: ReadonlyMap<string, string>,
): XtreamSeries | undefined {
  const json = record(item);
  const seriesId = integer(json?.series_id);
  if (json === undefined || seriesId === undefined) return undefined;
  const series: XtreamSeries = {
    seriesId,
    title: text(json.name) ?? text(json.title) ?? `Series ${seriesId}`,
  };
  seriesDetails(json, series);
  put(series, "categoryId", text(json.category_id));
  const ids = strings(json.category_ids);
  if (ids.length > 0) series.categoryIds = ids;
  put(series, "group", categoryNames.get(series.categoryId ?? ""));
  return series;
}

/** Fields shared by `get_series` items and the `info` of `get_series_info`. */
export function seriesDetails(json: Json, series: XtreamSeries): void {
  put(series, "cover", text(json.cover) ?? text(json.cover_big));
  put(series, "plot", text(json.plot));
  put(series, "cast", text(json.cast));
  put(series, "director", text(json.director));
  put(series, "genre", text(json.genre));
  put(series, "releaseDate", text(json.releaseDate) ?? text(json.release_date));
  put(series, "rating", rating(json));
  put(series, "lastModified", epochMs(json.last_modified));
  const backdrops = strings(json.backdrop_path);
  if (backdrops.length > 0) series.backdrops = backdrops;
  put(series, "trailer", text(json.youtube_trailer));
  put(series, "tmdbId", text(json.tmdb) ?? text(json.tmdb_id));
}

/** `rating` is out of 10 on most panels; fall back to `rating_5based` doubled. */
export function rating(json: Json): number | undefined {
  const ten = number(json.rating);
  if (ten !== undefined) return ten;
  const five = number(json.rating_5based);
  return five === undefined ? undefined : five * 2;
}
