/**
 * The guide import as a durable job; scheduled runs create their own import record.
 */
import type { AppContext } from "../../context.ts";
import type { JobWorker } from "../../jobs/mod.ts";
import { createImport } from "../catalog/mod.ts";
import { runGuideImport } from "./run-import.ts";
import { GUIDE_IMPORT_JOB, type GuideImportPayload } from "./sources.ts";

/** Registers the guide import handler; safe at every boot on every instance. */
export function registerGuideJobs(
  ctx: Pick<AppContext, "store" | "realtime" | "log" | "config">,
  jobs: { worker: JobWorker },
) {
  jobs.worker.register<GuideImportPayload>(GUIDE_IMPORT_JOB, async (job, context) => {
    const { storeId, sourceId } = job.payload;
    const importId = job.payload.importId ?? (await createImport(ctx, storeId, "epg", sourceId))._id;
    const done = await runGuideImport(ctx, storeId, importId, context.signal);
    if (done?.status === "failed") throw new Error(done.failure ?? "The guide import failed");
    return { importId, counts: done?.counts ?? null };
  });
}
