import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { migrate } from "../../boot.ts";
import { JobQueue, JobWorker } from "../../jobs/mod.ts";
import { createTestContext, type TestContext } from "../../testing/context.ts";
import { createMailService, MAIL_JOB, type Mailer, mailDir, registerMailJobs } from "./mod.ts";
import { OUTBOX_COLLECTION, type OutboxDoc } from "./model.ts";

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
  await migrate(ctx);
});
afterEach(() => ctx.dispose());

const message = { to: "viewer@example.com", subject: "Hello", text: "A short message" };
const outbox = () => ctx.store.collection<OutboxDoc>(OUTBOX_COLLECTION);

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await Bun.sleep(10);
  }
  throw new Error("timed out waiting");
}

describe("mail", () => {
  test("a message goes to the outbox and a job delivers it as an .eml file", async () => {
    const mail = createMailService(ctx);
    await mail.send(message, { kind: "test", storeId: null });
    const queued = await new JobQueue(ctx.store).list({ type: MAIL_JOB });
    expect(queued.items).toHaveLength(1);

    const worker = new JobWorker({ queue: new JobQueue(ctx.store), logger: ctx.log, pollMs: 10 });
    registerMailJobs(ctx, { worker });
    worker.start();
    try {
      await until(async () => (await outbox().findOne({}))?.status === "sent");
    } finally {
      await worker.stop();
    }
    const files = readdirSync(mailDir(ctx.config));
    expect(files).toHaveLength(1);
    const eml = readFileSync(join(mailDir(ctx.config), files[0] ?? ""), "utf8");
    expect(eml).toContain("To: viewer@example.com");
    expect(eml).toContain("Subject: Hello");
    expect(eml).toContain("A short message");
  });

  test("a failing transport leaves the entry pending with its error, for the job to retry", async () => {
    let calls = 0;
    const broken: Mailer = {
      kind: "smtp",
      async send() {
        calls++;
        throw new Error("connection refused");
      },
    };
    const mail = createMailService(ctx, { mailer: broken, enqueue: async () => {} });
    await mail.send(message, { kind: "test", storeId: null });
    await expect(mail.drain()).rejects.toThrow("connection refused");
    const entry = await outbox().findOne({});
    expect(entry?.status).toBe("pending");
    expect(entry?.lastError).toBe("connection refused");
    expect(entry?.attempts).toBe(1);
    expect(calls).toBe(1);
  });

  test("delivering twice sends once", async () => {
    const sent: string[] = [];
    const counting: Mailer = {
      kind: "smtp",
      async send(m) {
        sent.push(m.to);
      },
    };
    const mail = createMailService(ctx, { mailer: counting, enqueue: async () => {} });
    await mail.send(message, { kind: "test", storeId: null });
    expect(await mail.drain()).toBe(1);
    expect(await mail.drain()).toBe(0);
    expect(sent).toEqual(["viewer@example.com"]);
  });
});
