/**
 * Rewrites an HLS playlist so every URI the player will fetch (variants, renditions, segments,
 * keys, init sections, parts) points back through the edge. Pure text in, text out.
 */

/** What a URI in a playlist refers to; decides caching and the response type. */
export type ResourceKind = "playlist" | "segment" | "key" | "map";

export type UriMapper = (absoluteUrl: string, kind: ResourceKind) => string;

/** Tags whose `URI` attribute names a resource, and what kind it is. */
const URI_TAGS: Record<string, ResourceKind> = {
  "#EXT-X-KEY": "key",
  "#EXT-X-SESSION-KEY": "key",
  "#EXT-X-MAP": "map",
  "#EXT-X-MEDIA": "playlist",
  "#EXT-X-I-FRAME-STREAM-INF": "playlist",
  "#EXT-X-RENDITION-REPORT": "playlist",
  "#EXT-X-PART": "segment",
  "#EXT-X-PRELOAD-HINT": "segment",
};

const URI_ATTRIBUTE = /(^|[:,])URI="([^"]*)"/;

/** Only http(s) resources go through the edge; `skd:`, `data:` and the like stay as they are. */
function resolve(uri: string, base: string): string | undefined {
  try {
    const url = new URL(uri, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function tagName(line: string): string {
  const colon = line.indexOf(":");
  return colon === -1 ? line : line.slice(0, colon);
}

/** True when the text is a master (multivariant) playlist. */
export function isMasterPlaylist(text: string): boolean {
  return text.includes("#EXT-X-STREAM-INF") || text.includes("#EXT-X-I-FRAME-STREAM-INF");
}

export function rewritePlaylist(text: string, baseUrl: string, map: UriMapper): string {
  const lines = text.split(/\r?\n/);
  let nextUriIsVariant = false;
  const out = lines.map((raw) => {
    const line = raw.trim();
    if (line === "") return raw;
    if (!line.startsWith("#")) {
      const kind: ResourceKind = nextUriIsVariant ? "playlist" : "segment";
      nextUriIsVariant = false;
      const absolute = resolve(line, baseUrl);
      return absolute === undefined ? raw : map(absolute, kind);
    }
    const tag = tagName(line);
    if (tag === "#EXT-X-STREAM-INF") nextUriIsVariant = true;
    const kind = URI_TAGS[tag];
    if (kind === undefined) return raw;
    return line.replace(URI_ATTRIBUTE, (whole, lead: string, uri: string) => {
      const absolute = resolve(uri, baseUrl);
      return absolute === undefined ? whole : `${lead}URI="${map(absolute, kind)}"`;
    });
  });
  return out.join("\n");
}

/** The target duration of a media playlist in ms, or undefined for masters and odd input. */
export function targetDurationMs(text: string): number | undefined {
  const match = /#EXT-X-TARGETDURATION:(\d+(?:\.\d+)?)/.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1000;
}

/** True when a media playlist is complete (VOD/event ended) and will not change. */
export function isEndedPlaylist(text: string): boolean {
  return text.includes("#EXT-X-ENDLIST");
}
