/**
 * Delivery through the durable job queue: one `mail.send` job per outbox entry, retried with
 * backoff by whichever instance's worker claims it; an entry whose job gives up is marked failed.
 */
import type { AppContext } from "../../context.ts";
import type { JobWorker } from "../../jobs/mod.ts";
import { createMailer, type Mailer } from "./mailer.ts";
import { deliverMail, type EnqueueDelivery, failMail } from "./outbox.ts";

export const MAIL_JOB = "mail.send";
const MAX_ATTEMPTS = 8;

interface MailJobPayload {
  outboxId: string;
}

/** Schedules delivery of an outbox entry as a job (idempotent per entry). */
export function jobDelivery(ctx: Pick<AppContext, "jobs">): EnqueueDelivery {
  return async (outboxId) => {
    await ctx.jobs.queue.enqueue<MailJobPayload>(
      MAIL_JOB,
      { outboxId },
      { dedupeKey: `mail:${outboxId}`, maxAttempts: MAX_ATTEMPTS },
    );
  };
}

/** Registers the delivery handler on this process's worker. */
export function registerMailJobs(
  ctx: Pick<AppContext, "store" | "config">,
  jobs: { worker: JobWorker },
  mailer: Mailer = createMailer(ctx.config),
): void {
  jobs.worker.register<MailJobPayload>(MAIL_JOB, async (job) => {
    try {
      return { outcome: await deliverMail(ctx, mailer, job.payload.outboxId) };
    } catch (error) {
      if (job.attempts >= job.maxAttempts)
        await failMail(ctx, job.payload.outboxId, error instanceof Error ? error.message : String(error));
      throw error;
    }
  });
}
