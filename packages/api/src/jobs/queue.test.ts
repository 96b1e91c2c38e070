import { describe, expect, test } from "bun:test";
import { AppError } from "../errors/app-error.ts";
import { fakeClock, sqliteStore } from "./_testing.ts";
import type { JobDoc } from "./model.ts";
import { JobQueue } from "./queue.ts";

async function setup(options: { maxAttempts?: number } = {}) {
  const time = fakeClock();
  const queue = new JobQueue(await sqliteStore(), {
    clock: time.clock,
    random: () => 0,
    backoffBaseMs: 1000,
    backoffMaxMs: 60_000,
    ...options,
  });
  return { time, queue };
}

async function claimed(queue: JobQueue, owner = "w1", leaseMs = 10_000): Promise<JobDoc> {
  const job = await queue.claim(owner, ["mail"], leaseMs);
  if (!job) throw new Error("Nothing to claim");
  return job;
}

describe("JobQueue enqueue and claim", () => {
  test("enqueues a queued job that a claim leases and counts as an attempt", async () => {
    const { queue } = await setup();
    const job = await queue.enqueue("mail", { to: "a@example.com" });
    expect(job).toMatchObject({
      status: "queued",
      attempts: 0,
      maxAttempts: 5,
      leaseOwner: null,
      progress: null,
    });
    const running = await claimed(queue);
    expect(running).toMatchObject({
      _id: job._id,
      status: "running",
      attempts: 1,
      payload: { to: "a@example.com" },
    });
    expect(running.leaseOwner).toStartWith("w1/");
    expect(running.leaseUntil).toBe("2030-01-01T00:00:10.000Z");
    expect(await queue.claim("w2", ["mail"], 10_000)).toBeNull();
  });

  test("claims only the types asked for, oldest runAt first", async () => {
    const { queue } = await setup();
    await queue.enqueue("other", {});
    const later = await queue.enqueue("mail", { n: 2 }, { runAt: "2029-12-31T23:00:00.000Z" });
    await queue.enqueue("mail", { n: 1 }, { runAt: "2029-12-31T22:00:00.000Z" });
    expect((await claimed(queue)).payload).toEqual({ n: 1 });
    expect((await claimed(queue))._id).toBe(later._id);
    expect(await queue.claim("w1", ["mail"], 1000)).toBeNull();
    expect(await queue.claim("w1", [], 1000)).toBeNull();
  });

  test("does not claim a job before its runAt", async () => {
    const { queue, time } = await setup();
    await queue.enqueue("mail", {}, { runAt: new Date(time.clock() + 60_000) });
    expect(await queue.claim("w1", ["mail"], 1000)).toBeNull();
    time.advance(60_000);
    expect(await queue.claim("w1", ["mail"], 1000)).not.toBeNull();
  });

  test("a dedupe key keeps one pending job and frees up once it finished", async () => {
    const { queue } = await setup();
    const first = await queue.enqueue("mail", { n: 1 }, { dedupeKey: "digest:s1" });
    expect((await queue.enqueue("mail", { n: 2 }, { dedupeKey: "digest:s1" }))._id).toBe(first._id);
    expect(await queue.complete(await claimed(queue), "sent")).toBe(true);
    const second = await queue.enqueue("mail", { n: 3 }, { dedupeKey: "digest:s1" });
    expect(second._id).not.toBe(first._id);
  });

  test("a caller-chosen id makes a second enqueue a duplicate", async () => {
    const { queue } = await setup();
    await queue.enqueue("mail", {}, { id: "run-1" });
    await expect(queue.enqueue("mail", {}, { id: "run-1" })).rejects.toThrow(AppError);
  });
});

describe("JobQueue outcomes", () => {
  test("complete stores the result and releases the lease", async () => {
    const { queue } = await setup();
    await queue.enqueue("mail", {});
    const job = await claimed(queue);
    expect(await queue.complete(job, { sent: 1 })).toBe(true);
    expect(await queue.get(job._id)).toMatchObject({
      status: "succeeded",
      result: { sent: 1 },
      leaseOwner: null,
      leaseUntil: null,
      finishedAt: "2030-01-01T00:00:00.000Z",
    });
  });

  test("fail retries with exponential backoff, then marks the job dead", async () => {
    const { queue, time } = await setup({ maxAttempts: 3 });
    await queue.enqueue("mail", {}, { dedupeKey: "k" });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 2; attempt++) {
      const failed = await queue.fail(await claimed(queue), new Error(`boom ${attempt}`));
      expect(failed).toMatchObject({
        status: "failed",
        attempts: attempt,
        lastError: `Error: boom ${attempt}`,
      });
      const delay = Date.parse(failed?.runAt ?? "") - time.clock();
      delays.push(delay);
      expect(await queue.claim("w1", ["mail"], 1000)).toBeNull();
      time.advance(delay);
    }
    expect(delays).toEqual([500, 1000]);
    const dead = await queue.fail(await claimed(queue), "final");
    expect(dead).toMatchObject({ status: "dead", attempts: 3, lastError: "final", leaseOwner: null });
    expect(dead?.dedupeKey).toBeUndefined();
    time.advance(3_600_000);
    expect(await queue.claim("w1", ["mail"], 1000)).toBeNull();
  });

  test("progress is visible on the job while it runs", async () => {
    const { queue } = await setup();
    await queue.enqueue("mail", {});
    const job = await claimed(queue);
    expect(await queue.progress(job, { done: 3, total: 10, message: "Sending" })).toBe(true);
    expect((await queue.get(job._id))?.progress).toEqual({ done: 3, total: 10, message: "Sending" });
  });
});

describe("JobQueue leases", () => {
  test("an expired lease is reclaimable and the old owner can no longer write", async () => {
    const { queue, time } = await setup();
    await queue.enqueue("mail", {});
    const first = await claimed(queue, "w1", 1000);
    time.advance(999);
    expect(await queue.claim("w2", ["mail"], 1000)).toBeNull();
    expect(await queue.renew(first, 1000)).toBe(true);
    time.advance(1001);
    const second = await claimed(queue, "w2", 1000);
    expect(second).toMatchObject({ _id: first._id, attempts: 2 });
    expect(await queue.renew(first, 1000)).toBe(false);
    expect(await queue.progress(first, { done: 1, total: 1 })).toBe(false);
    expect(await queue.complete(first, "stale")).toBe(false);
    expect(await queue.fail(first, "stale")).toBeNull();
    expect(await queue.complete(second, "fresh")).toBe(true);
    expect((await queue.get(first._id))?.result).toBe("fresh");
  });

  test("a job whose lease keeps expiring is marked dead instead of run again", async () => {
    const { queue, time } = await setup({ maxAttempts: 2 });
    const job = await queue.enqueue("mail", {});
    await claimed(queue, "w1", 1000);
    time.advance(2000);
    await claimed(queue, "w2", 1000);
    time.advance(2000);
    expect(await queue.claim("w3", ["mail"], 1000)).toBeNull();
    expect(await queue.get(job._id)).toMatchObject({ status: "dead", attempts: 3 });
    expect((await queue.get(job._id))?.lastError).toContain("lease expired");
  });
});

describe("JobQueue admin view", () => {
  test("lists newest first with cursor pages and a status filter", async () => {
    const { queue, time } = await setup();
    for (let i = 0; i < 7; i++) {
      await queue.enqueue("mail", { i });
      time.advance(1000);
    }
    const first = await queue.list({}, { limit: 4 });
    const second = await queue.list({}, { limit: 4, cursor: first.nextCursor ?? "" });
    expect([...first.items, ...second.items].map((j) => (j.payload as { i: number }).i)).toEqual([
      6, 5, 4, 3, 2, 1, 0,
    ]);
    expect(second.nextCursor).toBeNull();
    await claimed(queue);
    expect(
      (await queue.list({ status: "running" })).items.map((j) => (j.payload as { i: number }).i),
    ).toEqual([0]);
    expect((await queue.list({ type: "other" })).items).toEqual([]);
  });

  test("retryDead puts a dead job back with fresh attempts, and only a dead one", async () => {
    const { queue } = await setup({ maxAttempts: 1 });
    const job = await queue.enqueue("mail", {});
    expect(await queue.retryDead(job._id)).toBeNull();
    await queue.fail(await claimed(queue), "nope");
    expect(await queue.retryDead(job._id)).toMatchObject({
      status: "queued",
      attempts: 0,
      lastError: "nope",
    });
    expect((await claimed(queue))._id).toBe(job._id);
  });

  test("purgeSucceeded deletes finished successes older than the cut-off", async () => {
    const { queue, time } = await setup();
    await queue.enqueue("mail", {});
    await queue.complete(await claimed(queue));
    await queue.enqueue("mail", {});
    time.advance(10_000);
    expect(await queue.purgeSucceeded(new Date(time.clock()))).toBe(1);
    expect(await queue.jobs.count()).toBe(1);
  });
});
