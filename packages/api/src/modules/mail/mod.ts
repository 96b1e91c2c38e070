/**
 * Outgoing e-mail: messages go to an outbox collection and a job delivers them through SMTP
 * (production) or into `.eml` files under `DATA_DIR/mail` (development and tests).
 */
import type { AppContext } from "../../context.ts";
import { jobDelivery } from "./jobs.ts";
import { createMailer, type Mailer } from "./mailer.ts";
import type { MailMessage } from "./model.ts";
import { drainOutbox, type EnqueueDelivery, type MailMeta, queueMail } from "./outbox.ts";

export { jobDelivery, MAIL_JOB, registerMailJobs } from "./jobs.ts";
export { createMailer, type Mailer, mailDir } from "./mailer.ts";
export { type MailMessage, OUTBOX_COLLECTION } from "./model.ts";
export { deliverMail, drainOutbox, failMail } from "./outbox.ts";

export interface MailService {
  readonly mailer: Mailer;
  /** Stores the message in the outbox and schedules its delivery. */
  send(message: MailMessage, meta: MailMeta): Promise<void>;
  /** Delivers everything still pending now. */
  drain(): Promise<number>;
}

export interface MailServiceOptions {
  mailer?: Mailer;
  /** How delivery is scheduled; by default a `mail.send` job on the durable queue. */
  enqueue?: EnqueueDelivery;
}

export function createMailService(ctx: AppContext, options: MailServiceOptions = {}): MailService {
  const mailer = options.mailer ?? createMailer(ctx.config);
  const enqueue: EnqueueDelivery = options.enqueue ?? jobDelivery(ctx);
  return {
    mailer,
    async send(message, meta) {
      await queueMail(ctx, enqueue, message, meta);
    },
    drain: () => drainOutbox(ctx, mailer),
  };
}
