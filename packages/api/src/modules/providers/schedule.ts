/**
 * A provider's refresh schedule: a recurring durable job of type `catalog.import` (handled by
 * the catalog module) every `refreshMinutes`, kept in step with the provider's settings.
 */
import type { AppContext } from "../../context.ts";
import { JobQueue, Schedules } from "../../jobs/mod.ts";

export const IMPORT_JOB = "catalog.import";

export interface ImportPayload {
  storeId: string;
  /** Present when a person asked for the import; scheduled runs name only the provider. */
  importId?: string;
  providerId: string;
}

export function scheduleName(providerId: string): string {
  return `catalog-refresh-${providerId}`;
}

/** Creates, moves or removes a provider's refresh schedule. */
export async function syncRefreshSchedule(
  ctx: Pick<AppContext, "store">,
  storeId: string,
  providerId: string,
  refreshMinutes: number | null,
): Promise<void> {
  const schedules = new Schedules(ctx.store, new JobQueue(ctx.store));
  if (refreshMinutes === null) {
    await schedules.remove(scheduleName(providerId));
    return;
  }
  await schedules.upsert({
    name: scheduleName(providerId),
    type: IMPORT_JOB,
    payload: { storeId, providerId } satisfies ImportPayload,
    everyMs: refreshMinutes * 60_000,
    startAt: new Date(Date.now() + refreshMinutes * 60_000),
  });
}
