/**
 * The catalog a store offers: items (live channels, movies, series and their episodes) in one
 * collection, categories per type, and packages (bouquets) that plans include. Every item has
 * a stable numeric `xid` per store for Xtream-style players, which expect integer stream ids.
 */
import type { BaseDoc, CollectionDef } from "../../db/port.ts";

export const ITEM_TYPES = ["live", "movie", "series", "episode"] as const;
export type ItemType = (typeof ITEM_TYPES)[number];
/** Types that have categories (episodes belong to their series). */
export const CATEGORY_TYPES = ["live", "movie", "series"] as const;
export type CategoryType = (typeof CATEGORY_TYPES)[number];

export type SourceFormat = "ts" | "hls" | "file";

export interface SourceDoc {
  providerId: string;
  /** The upstream key (Xtream stream id, else the URL without credentials). */
  key: string;
  /** With `{username}` / `{password}` where the provider account's credentials go. */
  url: string;
  format: SourceFormat;
}

/**
 * Optional fields are left out of the stored document while they are null (the port reads a
 * missing field as null in filters and sorts): a smaller document is a cheaper insert, and an
 * import writes 100,000 of them. Read them with `?? null` / `== null`.
 */
export interface ItemDoc extends BaseDoc {
  storeId: string;
  type: ItemType;
  xid: number;
  name: string;
  /** Lowercased, accent-free name for prefix search; `searchTail` is the same without its first word. */
  searchKey: string;
  searchTail: string;
  categoryId?: string | null;
  enabled: boolean;
  sortOrder: number;
  /** Live: channel number (`tvg-chno`). */
  number?: number | null;
  /** Live logo, movie poster or series cover. */
  logo?: string | null;
  /** Live: the guide channel id (`tvg-id`), or a manual override. */
  epgId?: string | null;
  /** Movies and episodes: container extension (`mkv`, `mp4`…). */
  containerExtension?: string | null;
  /** Seconds; null when unknown. */
  duration?: number | null;
  plot?: string | null;
  rating?: number | null;
  /** Episodes: their series, season and episode number. */
  seriesId?: string | null;
  season?: number | null;
  episode?: number | null;
  /** In priority order; importers replace only their own provider's source. */
  sources: SourceDoc[];
  /** The provider that imported it and the upstream key it is recognised by on re-import. */
  providerId?: string | null;
  importKey?: string | null;
  /** Fingerprint of the imported fields, so a re-import writes only what changed. */
  importHash?: string | null;
  /** Fields an admin edited; imports leave them alone. */
  locked: string[];
  /** When a re-import no longer found it upstream; null while present. */
  missingSince?: string | null;
  /** Set when an admin merged this item's sources into another item; it is then disabled. */
  mergedInto?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CategoryDoc extends BaseDoc {
  storeId: string;
  type: CategoryType;
  xid: number;
  name: string;
  sortOrder: number;
  createdAt: string;
}

export interface PackageDoc extends BaseDoc {
  storeId: string;
  name: string;
  description: string;
  /** Item ids (channels, movies, series) included one by one. */
  itemIds: string[];
  /** Whole categories included. */
  categoryIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface CounterDoc extends BaseDoc {
  storeId: string;
  value: number;
}

/**
 * Every index is a `json_extract` expression the adapter evaluates on each insert, so the list
 * is kept to what queries need: an import of 100,000 entries pays for each one. Imports scan by
 * provider in xid ranges, and name search scans the store's items, so neither has its own.
 */
export const ITEMS_COLLECTION: CollectionDef = {
  name: "catalog_items",
  indexes: [
    {
      fields: [
        ["storeId", 1],
        ["xid", 1],
      ],
      unique: true,
    },
    {
      fields: [
        ["storeId", 1],
        ["type", 1],
        ["sortOrder", 1],
      ],
    },
    {
      fields: [
        ["storeId", 1],
        ["type", 1],
        ["categoryId", 1],
        ["sortOrder", 1],
      ],
    },
    {
      fields: [
        ["storeId", 1],
        ["seriesId", 1],
        ["season", 1],
        ["episode", 1],
      ],
    },
  ],
};

export const CATEGORIES_COLLECTION: CollectionDef = {
  name: "catalog_categories",
  indexes: [
    {
      fields: [
        ["storeId", 1],
        ["type", 1],
        ["name", 1],
      ],
      unique: true,
    },
    {
      fields: [
        ["storeId", 1],
        ["type", 1],
        ["sortOrder", 1],
      ],
    },
    {
      fields: [
        ["storeId", 1],
        ["xid", 1],
      ],
    },
  ],
};

export const PACKAGES_COLLECTION: CollectionDef = {
  name: "catalog_packages",
  indexes: [
    {
      fields: [
        ["storeId", 1],
        ["name", 1],
      ],
    },
  ],
};

export const COUNTERS_COLLECTION: CollectionDef = { name: "catalog_counters" };
