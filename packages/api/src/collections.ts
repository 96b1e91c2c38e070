/**
 * Every collection the control plane declares, with its indexes; `migrate` creates them.
 */
import type { CollectionDef } from "./db/port.ts";
import { JOB_COLLECTIONS } from "./jobs/mod.ts";

export const COLLECTIONS: readonly CollectionDef[] = [...JOB_COLLECTIONS];
