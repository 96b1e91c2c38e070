/**
 * Mail the running API sent, read where its development mailer writes it (`DATA_DIR/mail`, one
 * `.eml` per message, delivered from the outbox by the jobs worker), as the API's own tests do.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

function mailDir(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set: run the tests through playwright.config.ts");
  return join(dir, "mail");
}

/** Undoes quoted-printable (soft line breaks and `=XX` escapes). */
function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/** The newest mail to `to` whose text matches `match`, waiting for its delivery. */
export async function waitForMail(to: string, match: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let files: string[] = [];
    try {
      files = readdirSync(mailDir()).sort().reverse();
    } catch {
      // No mail delivered yet: the folder appears with the first message.
    }
    for (const file of files) {
      const text = decodeQuotedPrintable(readFileSync(join(mailDir(), file), "utf8"));
      if (text.includes(`To: ${to}`) && match.test(text)) return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${to} matching ${match} within ${timeoutMs} ms`);
}

/** The first link in a mail to a web page at `path`. */
export function linkIn(mail: string, path: string): string {
  const link = mail.match(/https?:\/\/\S+/g)?.find((url) => new URL(url).pathname === path);
  if (!link) throw new Error(`no ${path} link in the mail`);
  return link;
}
