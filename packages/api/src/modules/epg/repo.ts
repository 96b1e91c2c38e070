/**
 * Storage of the guide: the only code that names its collections.
 */
import type { AppContext } from "../../context.ts";
import { scoped } from "../../db/mod.ts";
import type { Collection } from "../../db/port.ts";
import {
  GUIDE_CHANNELS_COLLECTION,
  GUIDE_SOURCES_COLLECTION,
  type GuideChannelDoc,
  type GuideSourceDoc,
  PROGRAMMES_COLLECTION,
  type ProgrammeDoc,
} from "./model.ts";

type Ctx = Pick<AppContext, "store">;

export function guideSources(ctx: Ctx, storeId: string): Collection<GuideSourceDoc> {
  return scoped(ctx.store.collection<GuideSourceDoc>(GUIDE_SOURCES_COLLECTION), storeId);
}

export function guideChannels(ctx: Ctx, storeId: string): Collection<GuideChannelDoc> {
  return scoped(ctx.store.collection<GuideChannelDoc>(GUIDE_CHANNELS_COLLECTION), storeId);
}

export function programmes(ctx: Ctx, storeId: string): Collection<ProgrammeDoc> {
  return scoped(ctx.store.collection<ProgrammeDoc>(PROGRAMMES_COLLECTION), storeId);
}
