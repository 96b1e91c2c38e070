/**
 * Mail transports: SMTP (nodemailer) when `SMTP_URL` is set, otherwise a development mailer
 * that writes each message as an `.eml` file under `DATA_DIR/mail` (tests read tokens there).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { Config } from "../../config/config.ts";
import type { MailMessage } from "./model.ts";

export interface Mailer {
  readonly kind: "smtp" | "file";
  send(message: MailMessage & { id: string }): Promise<void>;
}

export function mailDir(config: Pick<Config, "DATA_DIR">): string {
  return join(config.DATA_DIR, "mail");
}

export function createMailer(config: Pick<Config, "SMTP_URL" | "MAIL_FROM" | "DATA_DIR">): Mailer {
  const from = config.MAIL_FROM;
  if (config.SMTP_URL) {
    const transport = nodemailer.createTransport(config.SMTP_URL);
    return {
      kind: "smtp",
      async send(message) {
        await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
        });
      },
    };
  }
  const dir = mailDir(config);
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    kind: "file",
    async send(message) {
      const info = await builder.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
      });
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${Date.now()}-${message.id}.eml`), info.message as Buffer);
    },
  };
}
