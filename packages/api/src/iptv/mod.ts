/**
 * Pure, streaming parsers for catalog imports: M3U/M3U+ playlists (and a writer for them),
 * XMLTV guides and Xtream Codes panels, all normalised to one `CatalogEntry` shape. Nothing
 * here touches storage; the import jobs feed these parsers and persist what they yield.
 */
export type { ByteSource, CatalogEntry, CatchupInfo, EntryKind, ParseWarning } from "./catalog-entry.ts";
export { type ChannelName, channelMatchKey, parseChannelName } from "./channel-name.ts";
export { type ClassifyInput, classifyEntry } from "./classify-entry.ts";
export type { M3uHeader } from "./m3u-header.ts";
export { type M3uEvent, type M3uParseOptions, parseM3u } from "./m3u-parser.ts";
export { formatM3uEntry, formatM3uHeader, type M3uHeaderInput, m3uStream } from "./m3u-writer.ts";
export { type EpisodeNumber, parseEpisodeNumber } from "./xmltv-episode.ts";
export {
  parseXmltv,
  type XmltvChannel,
  type XmltvEvent,
  type XmltvParseOptions,
  type XmltvProgramme,
} from "./xmltv-parser.ts";
export { type DefaultTimeZone, parseXmltvTime, xmltvTimeReader } from "./xmltv-time.ts";
export {
  XtreamClient,
  type XtreamClientOptions,
  type XtreamListOptions,
} from "./xtream-client.ts";
export { isXtreamError, XtreamError, type XtreamErrorReason } from "./xtream-error.ts";
export type {
  XtreamAccount,
  XtreamCategory,
  XtreamEpisodeEntry,
  XtreamLiveEntry,
  XtreamSeason,
  XtreamSeries,
  XtreamSeriesInfo,
  XtreamVodEntry,
} from "./xtream-types.ts";
export {
  panelRoot,
  type XtreamCredentials,
  type XtreamStreamUrls,
  xtreamApiUrl,
  xtreamCredentialsFromUrl,
  xtreamGuideUrl,
  xtreamPlaylistUrl,
  xtreamStreamUrls,
} from "./xtream-urls.ts";
