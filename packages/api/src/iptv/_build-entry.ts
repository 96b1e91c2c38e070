import type { CatalogEntry, CatchupInfo } from "./catalog-entry.ts";
import { classifyEntry } from "./classify-entry.ts";
import type { M3uHeader } from "./m3u-header.ts";

/** Everything gathered for one entry before its URL line arrived. */
export interface PendingEntry {
  duration: number;
  title: string | undefined;
  attributes: Map<string, string>;
  extgrp: string | undefined;
  userAgent: string | undefined;
  referrer: string | undefined;
  httpHeaders: Record<string, string> | undefined;
  vlcOptions: Record<string, string> | undefined;
  kodiProps: Record<string, string> | undefined;
}

/** `#EXTINF` attributes that map to named fields; anything else lands in `attributes`. */
const NAMED = new Set([
  "tvg-id",
  "tvg-name",
  "tvg-logo",
  "tvg-chno",
  "group-title",
  "catchup",
  "catchup-type",
  "catchup-days",
  "catchup-source",
  "timeshift",
  "tvg-rec",
  "tvg-shift",
  "tvg-type",
  "http-user-agent",
  "user-agent",
  "http-referrer",
  "http-referer",
]);

/** Turns a pending entry and its URL into a normalised entry; unreadable values are kept raw. */
export function buildEntry(
  pending: PendingEntry,
  url: string,
  header: M3uHeader | undefined,
  problems: string[],
): CatalogEntry {
  const a = pending.attributes;
  const extra: Record<string, string> = {};
  let hasExtra = false;
  for (const [key, value] of a) {
    if (!NAMED.has(key)) {
      extra[key] = value;
      hasExtra = true;
    }
  }
  /** The first readable number among aliases; an unreadable value is kept raw only when none reads. */
  const number = (...keys: string[]): number | undefined => {
    let unreadable: [string, string] | undefined;
    for (const key of keys) {
      const raw = a.get(key);
      if (raw === undefined || raw.trim() === "") continue;
      const value = Number(raw);
      if (Number.isFinite(value)) return value;
      problems.push(`attribute "${key}" is not a number: "${raw}"`);
      unreadable ??= [key, raw];
    }
    if (unreadable !== undefined) {
      extra[unreadable[0]] = unreadable[1];
      hasExtra = true;
    }
    return undefined;
  };
  const text = (key: string): string | undefined => nonEmpty(a.get(key));

  const tvgName = text("tvg-name");
  const group = text("group-title") ?? nonEmpty(pending.extgrp);
  const title = nonEmpty(pending.title) ?? tvgName ?? titleFromUrl(url);
  const entry: CatalogEntry = {
    kind: classifyEntry({ url, title, group, type: text("tvg-type") }),
    title,
    url,
    duration: pending.duration,
  };
  set(entry, "tvgId", text("tvg-id"));
  set(entry, "tvgName", tvgName);
  set(entry, "logo", text("tvg-logo"));
  set(entry, "channelNumber", number("tvg-chno"));
  set(entry, "group", group);
  // Playlist-wide catch-up and EPG shift are channel settings: films and episodes do not inherit them.
  const defaults = entry.kind === "live" ? header : undefined;
  const catchup: CatchupInfo = {};
  set(catchup, "mode", text("catchup") ?? text("catchup-type") ?? defaults?.catchup?.mode);
  const days = number("catchup-days", "timeshift", "tvg-rec");
  // A playlist default must not hide an unreadable value kept raw, or a rewrite would change it.
  const keptRaw = (key: string): boolean => extra[key] !== undefined;
  const rawDays = keptRaw("catchup-days") || keptRaw("timeshift") || keptRaw("tvg-rec");
  set(catchup, "days", days ?? (rawDays ? undefined : defaults?.catchup?.days));
  set(catchup, "source", text("catchup-source") ?? defaults?.catchup?.source);
  if (catchup.mode !== undefined || catchup.days !== undefined || catchup.source !== undefined) {
    entry.catchup = catchup;
  }
  set(entry, "tvgShift", number("tvg-shift") ?? (keptRaw("tvg-shift") ? undefined : defaults?.tvgShift));
  set(entry, "userAgent", pending.userAgent ?? text("http-user-agent") ?? text("user-agent"));
  set(entry, "referrer", pending.referrer ?? text("http-referrer") ?? text("http-referer"));
  set(entry, "httpHeaders", pending.httpHeaders);
  set(entry, "vlcOptions", pending.vlcOptions);
  set(entry, "kodiProps", pending.kodiProps);
  if (hasExtra) entry.attributes = extra;
  return entry;
}

/** Assigns only defined values, as `exactOptionalPropertyTypes` wants. */
function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function nonEmpty(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** A bare URL line has no title: use its last path segment without extension. */
export function titleFromUrl(url: string): string {
  const withoutQuery = url.split(/[?#|]/, 1)[0] ?? url;
  const segment = withoutQuery.replace(/\/+$/, "").split("/").pop() ?? "";
  const dot = segment.lastIndexOf(".");
  const base = dot > 0 ? segment.slice(0, dot) : segment;
  let decoded = base;
  try {
    decoded = decodeURIComponent(base);
  } catch {
    // Keep the raw segment when it is not valid percent-encoding.
  }
  return decoded.trim() === "" ? url : decoded.trim();
}
