/**
 * Catalog imports as durable jobs: `catalog.import` runs one import record; a provider's
 * refresh schedule makes one such job every `refreshMinutes` (the handler then creates the
 * record itself). Import records are published on `stores/<storeId>/imports/<id>`, which
 * store owners, the store's staff and platform admins may subscribe to.
 */
import type { Principal } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { JobQueue, type JobWorker } from "../../jobs/mod.ts";
import { IMPORT_JOB, type ImportPayload } from "../providers/mod.ts";
import { createImport, type ImportDoc, importsOf } from "./imports.ts";
import { runCatalogImport } from "./run-import.ts";

export { IMPORT_JOB, type ImportPayload };

/** Who may follow a store's imports live. */
export function importTopicRule(principal: Principal, topic: string): boolean {
  const storeId = topic.split("/")[1];
  if (principal.role === "platform_admin") return true;
  if (principal.role !== "store_owner" && principal.role !== "store_staff") return false;
  return principal.storeId === storeId;
}

/** Creates the import record and enqueues its job (one pending import per provider). */
export async function startImport(
  ctx: Pick<AppContext, "store">,
  storeId: string,
  providerId: string,
): Promise<ImportDoc> {
  const record = await createImport(ctx, storeId, "catalog", providerId);
  const job = await new JobQueue(ctx.store).enqueue<ImportPayload>(
    IMPORT_JOB,
    { storeId, providerId, importId: record._id },
    { dedupeKey: `catalog.import:${storeId}:${providerId}`, maxAttempts: 3 },
  );
  const queuedFor = (job.payload as ImportPayload).importId;
  if (queuedFor !== record._id) {
    // An import of this provider is already pending: answer that one instead of a second.
    await importsOf(ctx, storeId).delete(record._id);
    const pending = queuedFor === undefined ? null : await importsOf(ctx, storeId).get(queuedFor);
    if (!pending) throw new AppError("conflict", "A scheduled import of this provider is already pending");
    return pending;
  }
  return (await importsOf(ctx, storeId).update(record._id, { jobId: job._id })) ?? record;
}

/** Registers the import handler; safe at every boot on every instance. */
export function registerCatalogJobs(
  ctx: Pick<AppContext, "store" | "config" | "realtime" | "log" | "cache">,
  jobs: { worker: JobWorker },
): void {
  jobs.worker.register<ImportPayload>(IMPORT_JOB, async (job, context) => {
    const { storeId, providerId } = job.payload;
    const importId = job.payload.importId ?? (await createImport(ctx, storeId, "catalog", providerId))._id;
    const done = await runCatalogImport(ctx, storeId, importId, context.signal);
    if (done.status === "failed") throw new Error(done.failure ?? "The import failed");
    // What an admin reading the job wants first: what the import changed in the catalog.
    const { inserted, updated, missing } = done.counts;
    return { importId, new: inserted, updated, removed: missing, counts: done.counts };
  });
}
