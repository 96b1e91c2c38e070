/**
 * Every collection of the catalog side (providers, catalog, imports, guide, library, player
 * lines), for the app's `migrate`.
 */
import type { CollectionDef } from "../../db/port.ts";
import { EPG_COLLECTIONS } from "../epg/model.ts";
import { LIBRARY_COLLECTION } from "../library/model.ts";
import { LINES_COLLECTION } from "../playerapi/model.ts";
import { PROVIDERS_COLLECTION } from "../providers/model.ts";
import { IMPORTS_COLLECTION } from "./imports.ts";
import {
  CATEGORIES_COLLECTION,
  COUNTERS_COLLECTION,
  ITEMS_COLLECTION,
  PACKAGES_COLLECTION,
} from "./model.ts";

export const CATALOG_COLLECTIONS: readonly CollectionDef[] = [
  PROVIDERS_COLLECTION,
  ITEMS_COLLECTION,
  CATEGORIES_COLLECTION,
  PACKAGES_COLLECTION,
  COUNTERS_COLLECTION,
  IMPORTS_COLLECTION,
  ...EPG_COLLECTIONS,
  LINES_COLLECTION,
  LIBRARY_COLLECTION,
];
