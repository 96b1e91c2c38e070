import type { CatalogEntry } from "./catalog-entry.ts";
import { classifyEntry } from "./classify-entry.ts";
import type { M3uHeader } from "./m3u-header.ts";

/** What the writer needs of a header; every field may be left out. */
export type M3uHeaderInput = Partial<M3uHeader>;

/**
 * Writes the `#EXTM3U` line. EPG URLs go out as both `x-tvg-url` and `url-tvg` because players
 * disagree on which one they read.
 */
export function formatM3uHeader(header: M3uHeaderInput = {}): string {
  const parts = ["#EXTM3U"];
  const epg = (header.epgUrls ?? []).map(clean).filter((url) => url !== "");
  if (epg.length > 0) {
    parts.push(attribute("x-tvg-url", epg.join(",")), attribute("url-tvg", epg.join(",")));
  }
  if (header.tvgShift !== undefined) parts.push(attribute("tvg-shift", String(header.tvgShift)));
  if (header.catchup?.mode !== undefined) parts.push(attribute("catchup", header.catchup.mode));
  if (header.catchup?.days !== undefined) parts.push(attribute("catchup-days", String(header.catchup.days)));
  if (header.catchup?.source !== undefined) parts.push(attribute("catchup-source", header.catchup.source));
  for (const [key, value] of Object.entries(header.attributes ?? {})) {
    parts.push(attribute(safeKey(key), value));
  }
  return `${parts.join(" ")}\n`;
}

/**
 * Writes one entry as M3U+ lines ending in a newline. Parsing the output gives back the same
 * entry: a `tvg-type` is added only when the URL alone would be classified differently.
 */
export function formatM3uEntry(entry: CatalogEntry): string {
  const attrs: string[] = [];
  const written = new Set<string>();
  const add = (key: string, value: string | number | undefined): void => {
    if (value === undefined || written.has(key)) return;
    written.add(key);
    attrs.push(attribute(key, String(value)));
  };
  add("tvg-id", entry.tvgId);
  add("tvg-name", entry.tvgName);
  add("tvg-logo", entry.logo);
  add("tvg-chno", entry.channelNumber);
  add("group-title", entry.group);
  add("catchup", entry.catchup?.mode);
  add("catchup-days", entry.catchup?.days);
  add("catchup-source", entry.catchup?.source);
  add("tvg-shift", entry.tvgShift);
  const title = clean(entry.title);
  const url = clean(entry.url);
  if (classifyEntry({ url, title, group: entry.group }) !== entry.kind) {
    add("tvg-type", TYPE_NAMES[entry.kind]);
  }
  for (const [key, value] of Object.entries(entry.attributes ?? {})) add(safeKey(key), value);
  const duration = Number.isFinite(entry.duration) ? entry.duration : -1;
  const lines = [`#EXTINF:${duration}${attrs.length > 0 ? " " : ""}${attrs.join(" ")},${title}`];
  if (entry.userAgent !== undefined) lines.push(`#EXTVLCOPT:http-user-agent=${clean(entry.userAgent)}`);
  if (entry.referrer !== undefined) lines.push(`#EXTVLCOPT:http-referrer=${clean(entry.referrer)}`);
  for (const [key, value] of Object.entries(entry.vlcOptions ?? {})) {
    lines.push(`#EXTVLCOPT:${clean(key)}=${clean(value)}`);
  }
  if (entry.httpHeaders !== undefined) lines.push(`#EXTHTTP:${JSON.stringify(entry.httpHeaders)}`);
  for (const [key, value] of Object.entries(entry.kodiProps ?? {})) {
    lines.push(`#KODIPROP:${clean(key)}=${clean(value)}`);
  }
  lines.push(url);
  return `${lines.join("\n")}\n`;
}

const TYPE_NAMES = { live: "live", vod: "movie", series: "series" } as const;

/**
 * Streams a whole playlist as UTF-8, pulling entries only as the consumer reads, so a
 * `get.php` response of any size needs no buffer.
 */
export function m3uStream(
  entries: Iterable<CatalogEntry> | AsyncIterable<CatalogEntry>,
  header: M3uHeaderInput = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator =
    Symbol.asyncIterator in entries ? entries[Symbol.asyncIterator]() : toAsync(entries[Symbol.iterator]());
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(formatM3uHeader(header)));
        return;
      }
      // Batch small entries into chunks of roughly 64 KiB to keep per-chunk overhead low.
      let text = "";
      while (text.length < 65_536) {
        const next = await iterator.next();
        if (next.done === true) {
          if (text !== "") controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        text += formatM3uEntry(next.value);
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

function toAsync<T>(iterator: Iterator<T>): AsyncIterator<T> {
  return {
    next: async () => iterator.next(),
    return: async () => iterator.return?.() ?? { done: true, value: undefined },
  };
}

/**
 * Quotes an attribute value so that the parser reads it back unchanged: double quotes when
 * the value has none, else single quotes, else bare when it has no space or comma. A value
 * with both kinds of quote and a space cannot be written faithfully; its double quotes become
 * single ones.
 */
export function attribute(key: string, value: string): string {
  const text = clean(value);
  if (!text.includes('"')) return `${key}="${text}"`;
  if (!text.includes("'")) return `${key}='${text}'`;
  if (!/[\s,]/.test(text) && text[0] !== '"' && text[0] !== "'") return `${key}=${text}`;
  return `${key}="${text.replaceAll('"', "'")}"`;
}

/** Line breaks would end the directive early: they become spaces. */
function clean(value: string): string {
  return value.replace(/[\r\n]+/g, " ");
}

/** Attribute names stop at whitespace, `=`, `,` and quotes, so those are dropped. */
function safeKey(key: string): string {
  return key.replace(/[\s=,"']+/g, "") || "x-attribute";
}
