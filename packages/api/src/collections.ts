/**
 * Every collection the control plane declares, with its indexes; `migrate` creates them.
 */
import type { CollectionDef } from "./db/port.ts";
import { AUDIT_COLLECTION } from "./modules/audit/model.ts";
import { PLANS_COLLECTION } from "./modules/plans/model.ts";
import { PROFILES_COLLECTION } from "./modules/profiles/model.ts";
import { SUBSCRIPTIONS_COLLECTION } from "./modules/subscriptions/model.ts";

export const COLLECTIONS: readonly CollectionDef[] = [
  AUDIT_COLLECTION,
  PLANS_COLLECTION,
  SUBSCRIPTIONS_COLLECTION,
  PROFILES_COLLECTION,
];
