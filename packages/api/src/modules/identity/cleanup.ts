/**
 * Forgetting what no longer matters: expired refresh and e-mail tokens, and sessions that ended
 * long ago. Runs as an hourly durable job, once per period across all instances.
 */
import type { AppContext } from "../../context.ts";
import type { JobWorker, ScheduleInput, Schedules } from "../../jobs/mod.ts";
import {
  EMAIL_TOKENS_COLLECTION,
  type EmailTokenDoc,
  REFRESH_TOKENS_COLLECTION,
  type RefreshTokenDoc,
  SESSIONS_COLLECTION,
  type SessionDoc,
} from "./model.ts";

export const CLEANUP_JOB = "identity.cleanup";
export const CLEANUP_SCHEDULE: ScheduleInput = {
  name: "identity-cleanup",
  type: CLEANUP_JOB,
  everyMs: 3_600_000,
};

/** Ended sessions stay listed this long for support and audits before they are deleted. */
const KEEP_ENDED_SESSIONS_MS = 30 * 24 * 3_600_000;

export async function purgeExpired(ctx: Pick<AppContext, "store">, now = new Date()) {
  const at = now.toISOString();
  const longAgo = new Date(now.getTime() - KEEP_ENDED_SESSIONS_MS).toISOString();
  // A refresh token outlives its use until its session expires: reuse must still be recognised.
  const refreshTokens = await ctx.store
    .collection<RefreshTokenDoc>(REFRESH_TOKENS_COLLECTION)
    .deleteMany({ expiresAt: { lt: at } });
  const emailTokens = await ctx.store
    .collection<EmailTokenDoc>(EMAIL_TOKENS_COLLECTION)
    .deleteMany({ expiresAt: { lt: at } });
  const sessions = ctx.store.collection<SessionDoc>(SESSIONS_COLLECTION);
  const ended =
    (await sessions.deleteMany({ expiresAt: { lt: longAgo } })) +
    (await sessions.deleteMany({ revokedAt: { lt: longAgo } }));
  return { refreshTokens, emailTokens, sessions: ended };
}

/** Registers the cleanup handler and upserts its schedule; safe at every boot on every instance. */
export async function registerIdentityJobs(
  ctx: Pick<AppContext, "store">,
  jobs: { worker: JobWorker; schedules: Schedules },
): Promise<void> {
  jobs.worker.register(CLEANUP_JOB, () => purgeExpired(ctx));
  await jobs.schedules.upsert(CLEANUP_SCHEDULE);
}
