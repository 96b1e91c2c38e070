import type { CatalogEntry } from "./catalog-entry.ts";

/** `player_api.php` with no action: the subscription and the server it lives on. */
export interface XtreamAccount {
  username: string;
  /** As the panel says it: `Active`, `Expired`, `Banned`, `Disabled`… */
  status: string;
  /** Epoch ms; absent for accounts that never expire. */
  expiresAt?: number;
  createdAt?: number;
  isTrial: boolean;
  activeConnections?: number;
  maxConnections?: number;
  allowedOutputFormats: string[];
  message?: string;
  server: {
    url?: string;
    port?: number;
    httpsPort?: number;
    protocol?: string;
    timezone?: string;
    /** The panel's clock, epoch ms. */
    now?: number;
  };
}

export interface XtreamCategory {
  id: string;
  name: string;
  parentId?: string;
}

/** Fields every Xtream stream carries beyond the common entry. */
interface XtreamStreamFields {
  streamId: number;
  categoryId?: string;
  /** All categories, on panels that put a stream in several. */
  categoryIds?: string[];
  /** Epoch ms. */
  addedAt?: number;
  isAdult?: boolean;
}

export interface XtreamLiveEntry extends CatalogEntry, XtreamStreamFields {
  kind: "live";
}

export interface XtreamVodEntry extends CatalogEntry, XtreamStreamFields {
  kind: "vod";
  containerExtension: string;
  /** Out of 10. */
  rating?: number;
  tmdbId?: string;
  year?: number;
}

export interface XtreamSeries {
  seriesId: number;
  title: string;
  categoryId?: string;
  categoryIds?: string[];
  group?: string;
  cover?: string;
  plot?: string;
  cast?: string;
  director?: string;
  genre?: string;
  releaseDate?: string;
  /** Out of 10. */
  rating?: number;
  /** Epoch ms. */
  lastModified?: number;
  backdrops?: string[];
  trailer?: string;
  tmdbId?: string;
}

export interface XtreamSeason {
  season: number;
  name?: string;
  episodeCount?: number;
  cover?: string;
  airDate?: string;
  overview?: string;
}

export interface XtreamEpisodeEntry extends CatalogEntry {
  kind: "series";
  episodeId: number;
  seriesId: number;
  season: number;
  episode?: number;
  containerExtension: string;
  plot?: string;
  releaseDate?: string;
  rating?: number;
  addedAt?: number;
}

/** `get_series_info`: the show, its seasons and every episode with a playable URL. */
export interface XtreamSeriesInfo {
  series: XtreamSeries;
  seasons: XtreamSeason[];
  episodes: XtreamEpisodeEntry[];
}
