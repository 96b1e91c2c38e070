/**
 * Guide sources of a store: add, list, remove, and import as a durable job (`epg.import`),
 * with an optional refresh schedule.
 */

import { recordAudit } from "../../audit/mod.ts";
import type { Actor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { JobQueue, Schedules } from "../../jobs/mod.ts";
import { createImport, type ImportDoc, importsOf } from "../catalog/mod.ts";
import type { CreateGuideSourceInput, GuideSource, GuideSourceDoc } from "./model.ts";
import { guideChannels, guideSources, programmes } from "./repo.ts";

type Ctx = Pick<AppContext, "store">;

export const GUIDE_IMPORT_JOB = "epg.import";

export interface GuideImportPayload {
  storeId: string;
  sourceId: string;
  importId?: string;
}

function masked(url: string): string {
  try {
    return `${new URL(url).origin}/••••`;
  } catch {
    return "••••";
  }
}

export function toGuideSource({ _id, _v, storeId, url, ...rest }: GuideSourceDoc): GuideSource {
  return { id: _id, url: masked(url), ...rest };
}

export async function listGuideSources(ctx: Ctx, storeId: string): Promise<GuideSource[]> {
  const page = await guideSources(ctx, storeId).find({}, { sort: [["createdAt", 1]], limit: 200 });
  return page.items.map(toGuideSource);
}

async function syncSchedule(ctx: Ctx, storeId: string, id: string, minutes: number | null): Promise<void> {
  const schedules = new Schedules(ctx.store, new JobQueue(ctx.store));
  const name = `epg-refresh-${id}`;
  if (minutes === null) {
    await schedules.remove(name);
    return;
  }
  await schedules.upsert({
    name,
    type: GUIDE_IMPORT_JOB,
    payload: { storeId, sourceId: id } satisfies GuideImportPayload,
    everyMs: minutes * 60_000,
    startAt: new Date(Date.now() + minutes * 60_000),
  });
}

export async function createGuideSource(
  ctx: Ctx,
  storeId: string,
  input: CreateGuideSourceInput,
  by: Actor,
): Promise<GuideSource> {
  const now = new Date().toISOString();
  const doc = await guideSources(ctx, storeId).insert({
    storeId,
    name: input.name,
    url: input.url,
    retentionDays: input.retentionDays ?? 2,
    defaultTimeZone: input.defaultTimeZone ?? "0",
    refreshMinutes: input.refreshMinutes ?? null,
    lastImportId: null,
    createdAt: now,
    updatedAt: now,
  });
  await syncSchedule(ctx, storeId, doc._id, doc.refreshMinutes);
  await recordAudit(ctx, {
    actor: by.principal,
    action: "epg.source_create",
    storeId,
    target: { type: "epg_source", id: doc._id },
    after: toGuideSource(doc),
    ip: by.ip,
    requestId: by.requestId,
  });
  return toGuideSource(doc);
}

export async function deleteGuideSource(ctx: Ctx, storeId: string, id: string, by: Actor): Promise<void> {
  if (!(await guideSources(ctx, storeId).delete(id)))
    throw new AppError("not_found", "Guide source not found");
  await syncSchedule(ctx, storeId, id, null);
  await guideChannels(ctx, storeId).deleteMany({ sourceId: id });
  await programmes(ctx, storeId).deleteMany({ sourceId: id });
  await recordAudit(ctx, {
    actor: by.principal,
    action: "epg.source_delete",
    storeId,
    target: { type: "epg_source", id },
    ip: by.ip,
    requestId: by.requestId,
  });
}

export async function startGuideImport(ctx: Ctx, storeId: string, sourceId: string): Promise<ImportDoc> {
  if (!(await guideSources(ctx, storeId).get(sourceId)))
    throw new AppError("not_found", "Guide source not found");
  const record = await createImport(ctx, storeId, "epg", sourceId);
  const job = await new JobQueue(ctx.store).enqueue<GuideImportPayload>(
    GUIDE_IMPORT_JOB,
    { storeId, sourceId, importId: record._id },
    { maxAttempts: 3 },
  );
  return (await importsOf(ctx, storeId).update(record._id, { jobId: job._id })) ?? record;
}
