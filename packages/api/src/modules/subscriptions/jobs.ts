/**
 * The recurring expiry sweep as a durable job: a schedule makes one `subscriptions.expire` job
 * per minute across all instances, and whichever worker claims it runs the (idempotent) sweep.
 */
import type { AppContext } from "../../context.ts";
import type { JobWorker, ScheduleInput, Schedules } from "../../jobs/mod.ts";
import { expireDueSubscriptions } from "./expire.ts";

export const EXPIRE_JOB = "subscriptions.expire";

export const EXPIRE_SCHEDULE: ScheduleInput = {
  name: "subscriptions-expire",
  type: EXPIRE_JOB,
  everyMs: 60_000,
};

/** Registers the sweep's handler and upserts its schedule; safe at every boot on every instance. */
export async function registerSubscriptionJobs(
  ctx: Pick<AppContext, "store" | "cache">,
  jobs: { worker: JobWorker; schedules: Schedules },
): Promise<void> {
  jobs.worker.register(EXPIRE_JOB, async () => ({ expired: await expireDueSubscriptions(ctx) }));
  await jobs.schedules.upsert(EXPIRE_SCHEDULE);
}
