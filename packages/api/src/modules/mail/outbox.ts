/**
 * Writing to and delivering from the outbox. `queueMail` stores the message and asks the job
 * queue to deliver it; `deliverMail` is the job's work and is safe to run twice.
 */
import type { AppContext } from "../../context.ts";
import type { Mailer } from "./mailer.ts";
import { type MailMessage, OUTBOX_COLLECTION, type OutboxDoc } from "./model.ts";

type Ctx = Pick<AppContext, "store">;

const outbox = (ctx: Ctx) => ctx.store.collection<OutboxDoc>(OUTBOX_COLLECTION);

export interface MailMeta {
  kind: string;
  storeId: string | null;
}

/** Schedules delivery of one outbox entry (the job queue, once wired; see `mod.ts`). */
export type EnqueueDelivery = (outboxId: string) => Promise<void>;

export async function queueMail(
  ctx: Ctx,
  enqueue: EnqueueDelivery,
  message: MailMessage,
  meta: MailMeta,
): Promise<OutboxDoc> {
  const doc = await outbox(ctx).insert({
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html ?? null,
    kind: meta.kind,
    storeId: meta.storeId,
    status: "pending",
    attempts: 0,
    lastError: null,
    createdAt: new Date().toISOString(),
    sentAt: null,
  });
  await enqueue(doc._id);
  return doc;
}

/** Sends one pending message; a failure is recorded and rethrown so the job is retried. */
export async function deliverMail(ctx: Ctx, mailer: Mailer, id: string): Promise<"sent" | "skipped"> {
  const doc = await outbox(ctx).get(id);
  if (!doc || doc.status === "sent") return "skipped";
  await outbox(ctx).increment(id, { attempts: 1 });
  try {
    await mailer.send({
      id: doc._id,
      to: doc.to,
      subject: doc.subject,
      text: doc.text,
      ...(doc.html ? { html: doc.html } : {}),
    });
  } catch (error) {
    await outbox(ctx).update(id, { lastError: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  await outbox(ctx).update(id, { status: "sent", sentAt: new Date().toISOString(), lastError: null });
  return "sent";
}

/** Marks a message that exhausted its retries. */
export async function failMail(ctx: Ctx, id: string, reason: string): Promise<void> {
  await outbox(ctx).update(id, { status: "failed", lastError: reason });
}

/** Delivers every pending message now (used when jobs are disabled, and by tests). */
export async function drainOutbox(ctx: Ctx, mailer: Mailer): Promise<number> {
  const page = await outbox(ctx).find({ status: "pending" }, { sort: [["createdAt", 1]], limit: 1000 });
  let sent = 0;
  for (const doc of page.items) if ((await deliverMail(ctx, mailer, doc._id)) === "sent") sent++;
  return sent;
}
