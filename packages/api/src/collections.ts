/**
 * Every collection the control plane declares, with its indexes; `migrate` creates them.
 */
import type { CollectionDef } from "./db/port.ts";
import { AUDIT_COLLECTION } from "./modules/audit/model.ts";

export const COLLECTIONS: readonly CollectionDef[] = [AUDIT_COLLECTION];
