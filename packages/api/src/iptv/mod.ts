/**
 * IPTV formats, pure and streaming: M3U/M3U+ playlists, XMLTV guides and Xtream Codes panels,
 * read into one `CatalogEntry` shape and written back (`m3uStream`, the XMLTV writer). Nothing
 * here knows about stores, storage or the API modules (only the error table below it): catalog
 * and epg import with these parsers, playerapi serves with these writers, the benches time them.
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
  formatXmltvChannel,
  formatXmltvHeader,
  formatXmltvProgramme,
  formatXmltvTime,
  XMLTV_FOOTER,
  type XmltvChannelInput,
  type XmltvProgrammeInput,
  xmlText,
} from "./xmltv-writer.ts";
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
