import type { EntryKind } from "./catalog-entry.ts";

/** What the classifier looks at. */
export interface ClassifyInput {
  url: string;
  title: string;
  group?: string | undefined;
  /** An explicit `tvg-type` attribute, when the playlist has one. */
  type?: string | undefined;
}

const VOD_EXTENSIONS = new Set([
  "mp4",
  "mkv",
  "avi",
  "mov",
  "wmv",
  "m4v",
  "webm",
  "mpg",
  "mpeg",
  "divx",
  "ogv",
  "3gp",
  "vob",
  "iso",
]);

const EPISODE_TITLE = /\bS\d{1,2}\s?E\d{1,4}\b|\b\d{1,2}x\d{2,3}\b|\bseason\s*\d+\b/i;
const SERIES_GROUP = /\b(series|s[ée]ries|serie|serien|tv\s?shows?|shows)\b/i;
const VOD_GROUP = /\bvod\b/i;

/**
 * Tells live from VOD from series the way Xtream-style playlists encode it: first an explicit
 * `tvg-type`, then the `/series/`, `/movie/` or `/live/` path segment, then a file extension of
 * a finished recording, then group hints. Groups such as "UK | Movies" are not trusted on their
 * own because they usually hold live movie channels.
 */
export function classifyEntry(input: ClassifyInput): EntryKind {
  const explicit = fromType(input.type);
  if (explicit !== undefined) return explicit;
  const path = urlPath(input.url);
  const fromPath = fromSegments(path);
  if (fromPath !== undefined) return fromPath;
  const recorded = VOD_EXTENSIONS.has(extension(path)) || VOD_GROUP.test(input.group ?? "");
  if (!recorded) return "live";
  return EPISODE_TITLE.test(input.title) || SERIES_GROUP.test(input.group ?? "") ? "series" : "vod";
}

function fromType(type: string | undefined): EntryKind | undefined {
  switch (type?.toLowerCase()) {
    case "live":
    case "channel":
      return "live";
    case "movie":
    case "vod":
      return "vod";
    case "series":
    case "episode":
      return "series";
    default:
      return undefined;
  }
}

function fromSegments(path: string): EntryKind | undefined {
  if (path.includes("/series/")) return "series";
  if (path.includes("/movie/") || path.includes("/movies/") || path.includes("/vod/")) return "vod";
  if (path.includes("/live/") || path.includes("/timeshift/")) return "live";
  return undefined;
}

/** The lower-cased path of a URL, without scheme, host, query or fragment; no URL object for speed. */
export function urlPath(url: string): string {
  const scheme = url.indexOf("://");
  const hostStart = scheme < 0 ? 0 : scheme + 3;
  let pathStart = url.indexOf("/", hostStart);
  if (scheme < 0) pathStart = 0;
  if (pathStart < 0) return "";
  let end = url.length;
  const query = url.indexOf("?", pathStart);
  if (query >= 0) end = query;
  const hash = url.indexOf("#", pathStart);
  if (hash >= 0 && hash < end) end = hash;
  const pipe = url.indexOf("|", pathStart);
  if (pipe >= 0 && pipe < end) end = pipe;
  return url.slice(pathStart, end).toLowerCase();
}

function extension(path: string): string {
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  return dot > slash ? path.slice(dot + 1) : "";
}
