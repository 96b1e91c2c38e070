import type { DirectiveLine } from "./_extinf.ts";
import type { CatchupInfo } from "./catalog-entry.ts";

/** The `#EXTM3U` line: EPG sources and playlist-wide defaults that entries inherit. */
export interface M3uHeader {
  /** From `x-tvg-url` and `url-tvg` (comma-separated lists), without duplicates. */
  epgUrls: string[];
  /** Default EPG shift in hours for every entry (`tvg-shift`). */
  tvgShift?: number;
  /** Default catch-up settings for every entry. */
  catchup?: CatchupInfo;
  /** Other header attributes, verbatim (keys lower-cased). */
  attributes: Record<string, string>;
}

const EPG_KEYS = new Set(["x-tvg-url", "url-tvg"]);
const NAMED = new Set([...EPG_KEYS, "tvg-shift", "catchup", "catchup-days", "catchup-source"]);

/** Builds the header from the attributes after `#EXTM3U`; unreadable numbers stay in `attributes`. */
export function headerFromAttributes(line: DirectiveLine, problems: string[]): M3uHeader {
  const epgUrls: string[] = [];
  const attributes: Record<string, string> = {};
  for (const [key, value] of line.attributes) {
    if (EPG_KEYS.has(key)) {
      for (const url of value.split(",")) {
        const trimmed = url.trim();
        if (trimmed !== "" && !epgUrls.includes(trimmed)) epgUrls.push(trimmed);
      }
    } else if (!NAMED.has(key)) {
      attributes[key] = value;
    }
  }
  const header: M3uHeader = { epgUrls, attributes };
  const number = (key: string): number | undefined => {
    const raw = line.attributes.get(key);
    if (raw === undefined || raw.trim() === "") return undefined;
    const value = Number(raw);
    if (Number.isFinite(value)) return value;
    problems.push(`header attribute "${key}" is not a number: "${raw}"`);
    attributes[key] = raw;
    return undefined;
  };
  const shift = number("tvg-shift");
  if (shift !== undefined) header.tvgShift = shift;
  const catchup: CatchupInfo = {};
  const mode = line.attributes.get("catchup")?.trim();
  if (mode) catchup.mode = mode;
  const days = number("catchup-days");
  if (days !== undefined) catchup.days = days;
  const source = line.attributes.get("catchup-source")?.trim();
  if (source) catchup.source = source;
  if (Object.keys(catchup).length > 0) header.catchup = catchup;
  return header;
}
