/**
 * How a parsed playlist entry becomes catalog fields: its type, upstream key, source format,
 * search keys and the episode numbering of series entries.
 */

import type { CatalogEntry } from "../../iptv/mod.ts";
import type { ItemType, SourceFormat } from "./model.ts";

/** The fields an import owns (admins may lock any of them by editing). */
export interface ImportedFields {
  name: string;
  number: number | null;
  logo: string | null;
  epgId: string | null;
  containerExtension: string | null;
  duration: number | null;
  season: number | null;
  episode: number | null;
}

export const LOCKABLE = ["name", "number", "logo", "epgId", "categoryId", "enabled", "sortOrder"] as const;

/** Lowercase, accents removed, punctuation as single spaces. */
export function searchKeyOf(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The search key without its first word ("uk bbc one" → "bbc one"), so prefixed names are found. */
export function searchTailOf(key: string): string {
  const space = key.indexOf(" ");
  return space < 0 ? key : key.slice(space + 1);
}

const XTREAM_PATH = /\/(live|movie|series)\/[^/]+\/[^/]+\/(\d+)(?:\.[A-Za-z0-9]+)?$/;

/** Xtream-style URLs are known by their numeric id (the extension may change); others by URL. */
export function upstreamKey(template: string): string {
  const path = template.split(/[?#]/)[0] ?? template;
  const match = XTREAM_PATH.exec(path);
  return match ? `x:${match[1]}:${match[2]}` : `u:${template}`;
}

export function extensionOf(url: string): string | null {
  const path = (url.split(/[?#|]/)[0] ?? url).toLowerCase();
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  return dot > slash && path.length - dot <= 6 ? path.slice(dot + 1) : null;
}

export function formatOf(type: ItemType, url: string): SourceFormat {
  const ext = extensionOf(url);
  if (ext === "m3u8") return "hls";
  return type === "live" ? "ts" : "file";
}

export function itemTypeOf(entry: CatalogEntry): ItemType {
  if (entry.kind === "vod") return "movie";
  if (entry.kind === "series") return "episode";
  return "live";
}

const EPISODE = /^(.*?)[\s._-]*S(\d{1,2})[\s._-]*E(\d{1,4})\b/i;
const EPISODE_X = /^(.*?)[\s._-]+(\d{1,2})x(\d{2,3})\b/i;

/** "Show S01 E02" → { series: "Show", season: 1, episode: 2 }. */
export function episodeOf(title: string): { series: string; season: number | null; episode: number | null } {
  const match = EPISODE.exec(title) ?? EPISODE_X.exec(title);
  if (!match) return { series: title.trim(), season: null, episode: null };
  return {
    series: (match[1] ?? "").trim() || title.trim(),
    season: Number(match[2]),
    episode: Number(match[3]),
  };
}

export function importedFields(type: ItemType, entry: CatalogEntry): ImportedFields {
  const ext = extensionOf(entry.url);
  const numbering = type === "episode" ? episodeOf(entry.title) : null;
  return {
    name: entry.title.trim() || entry.tvgName || "Untitled",
    number: type === "live" ? (entry.channelNumber ?? null) : null,
    logo: entry.logo ?? null,
    epgId: type === "live" ? (entry.tvgId ?? null) : null,
    containerExtension: type === "movie" || type === "episode" ? ext : null,
    duration: type !== "live" && entry.duration > 0 ? entry.duration : null,
    season: numbering?.season ?? null,
    episode: numbering?.episode ?? null,
  };
}

/**
 * A short fingerprint of everything an import would write. Named fields read in a fixed order
 * and hashed as one string: cheaper than JSON or iterating keys, and an import hashes 100,000.
 */
export function fingerprint(fields: Record<string, unknown>, source: SourceDocLike | null): string {
  const text = [
    fields.name,
    fields.number,
    fields.logo,
    fields.epgId,
    fields.containerExtension,
    fields.duration,
    fields.season,
    fields.episode,
    fields.categoryId,
    fields.seriesId,
    fields.plot,
    fields.rating,
    source?.url,
    source?.format,
  ].join("\u0001");
  return Bun.hash(text).toString(36);
}

interface SourceDocLike {
  url: string;
  format: string;
}
