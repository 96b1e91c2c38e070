/**
 * Every collection the control plane declares, with its indexes; `migrate` creates them. The
 * registry sits above the modules (the composition root's side), so no module gathers another
 * module's collections.
 */

import { AUDIT_COLLECTION } from "./audit/mod.ts";
import type { CollectionDef } from "./db/port.ts";
import { JOB_COLLECTIONS } from "./jobs/mod.ts";
import { API_KEYS_COLLECTION } from "./modules/apikeys/model.ts";
import { IMPORTS_COLLECTION } from "./modules/catalog/imports.ts";
import {
  CATEGORIES_COLLECTION,
  COUNTERS_COLLECTION,
  ITEMS_COLLECTION,
  PACKAGES_COLLECTION,
} from "./modules/catalog/model.ts";
import { EPG_COLLECTIONS } from "./modules/epg/model.ts";
import {
  EMAIL_TOKENS_COLLECTION,
  REFRESH_TOKENS_COLLECTION,
  SESSIONS_COLLECTION,
} from "./modules/identity/model.ts";
import { LIBRARY_COLLECTION } from "./modules/library/model.ts";
import { OUTBOX_COLLECTION } from "./modules/mail/model.ts";
import { NODES_COLLECTION } from "./modules/nodes/model.ts";
import { PLANS_COLLECTION } from "./modules/plans/model.ts";
import { LINES_COLLECTION } from "./modules/playerapi/model.ts";
import { PROFILES_COLLECTION } from "./modules/profiles/model.ts";
import { PROVIDERS_COLLECTION } from "./modules/providers/model.ts";
import { DOMAINS_COLLECTION, STORES_COLLECTION } from "./modules/stores/model.ts";
import { SUBSCRIPTIONS_COLLECTION, TRIALS_COLLECTION } from "./modules/subscriptions/model.ts";
import { USERS_COLLECTION } from "./modules/users/model.ts";

export const COLLECTIONS: readonly CollectionDef[] = [
  ...JOB_COLLECTIONS,
  AUDIT_COLLECTION,
  STORES_COLLECTION,
  DOMAINS_COLLECTION,
  USERS_COLLECTION,
  SESSIONS_COLLECTION,
  REFRESH_TOKENS_COLLECTION,
  EMAIL_TOKENS_COLLECTION,
  API_KEYS_COLLECTION,
  OUTBOX_COLLECTION,
  PLANS_COLLECTION,
  SUBSCRIPTIONS_COLLECTION,
  TRIALS_COLLECTION,
  PROFILES_COLLECTION,
  NODES_COLLECTION,
  // The catalog side: providers, catalog, imports, guide, player lines, library.
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
