/**
 * The mail outbox: every message is stored first and delivered by a job, so a slow or failing
 * SMTP server never slows a request, and nothing is lost when the process stops.
 */
import type { BaseDoc, CollectionDef } from "../../db/port.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface OutboxDoc extends BaseDoc {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** What the mail is for (`verify_email`, `reset_password`…), for logs and support. */
  kind: string;
  storeId: string | null;
  status: "pending" | "sent" | "failed";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export const OUTBOX_COLLECTION: CollectionDef = {
  name: "mail_outbox",
  indexes: [
    {
      fields: [
        ["status", 1],
        ["createdAt", 1],
      ],
    },
  ],
};
