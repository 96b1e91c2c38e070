import { describe, expect, test } from "bun:test";
import { eventually, fakeClock, recordingLogger, sqliteStore, sqliteStores } from "./_testing.ts";
import type { JobDoc } from "./model.ts";
import { JobQueue } from "./queue.ts";
import { type JobHandler, JobWorker } from "./worker.ts";

function worker(queue: JobQueue, options: Partial<ConstructorParameters<typeof JobWorker>[0]> = {}) {
  return new JobWorker({ queue, logger: recordingLogger(), pollMs: 5, leaseMs: 5000, ...options });
}

async function statusCount(queue: JobQueue, status: JobDoc["status"]): Promise<number> {
  return queue.jobs.count({ status });
}

describe("JobWorker", () => {
  test("two workers on two handles of one database file never double-run 100 jobs", async () => {
    const [a, b] = await sqliteStores(2);
    if (!a || !b) throw new Error("No stores");
    const runs: Array<{ id: string; worker: string }> = [];
    const handler =
      (name: string): JobHandler<{ i: number }> =>
      async (job) => {
        runs.push({ id: job._id, worker: name });
        await Bun.sleep(job.payload.i % 3);
        return job.payload.i;
      };
    const queues = [new JobQueue(a), new JobQueue(b)] as const;
    for (let i = 0; i < 100; i++) await (i % 2 === 0 ? queues[0] : queues[1]).enqueue("count", { i });
    const workers = [
      worker(queues[0], { id: "A", concurrency: 4 }).register("count", handler("A")),
      worker(queues[1], { id: "B", concurrency: 4 }).register("count", handler("B")),
    ];
    for (const w of workers) w.start();
    await eventually(async () => (await statusCount(queues[0], "succeeded")) === 100);
    await Promise.all(workers.map((w) => w.stop()));
    expect(runs.length).toBe(100);
    expect(new Set(runs.map((r) => r.id)).size).toBe(100);
    expect(await queues[1].jobs.count({ attempts: 1, status: "succeeded" })).toBe(100);
  });

  test("retries a failing job with backoff and dead-letters it after maxAttempts", async () => {
    const queue = new JobQueue(await sqliteStore(), { backoffBaseMs: 10, maxAttempts: 3 });
    const logger = recordingLogger();
    const calls: number[] = [];
    const w = worker(queue, { logger }).register("flaky", async (job) => {
      calls.push(Date.now());
      throw new Error(`attempt ${job.attempts} failed`);
    });
    const job = await queue.enqueue("flaky", {});
    w.start();
    await eventually(async () => (await queue.get(job._id))?.status === "dead");
    await w.stop();
    expect(calls.length).toBe(3);
    const [firstCall = 0, , thirdCall = 0] = calls;
    // Backoff windows of 10 ms then 20 ms, each jittered into its upper half: at least 5 + 10 ms.
    expect(thirdCall - firstCall).toBeGreaterThanOrEqual(5 + 10);
    expect(await queue.get(job._id)).toMatchObject({ attempts: 3, lastError: "Error: attempt 3 failed" });
    expect(logger.lines.filter((l) => l.msg === "Job failed").length).toBe(3);
  });

  test("renews the lease while a handler outlasts it, so no other worker steals the job", async () => {
    const time = fakeClock();
    const [a, b] = await sqliteStores(2);
    if (!a || !b) throw new Error("No stores");
    const queue = new JobQueue(a, { clock: time.clock });
    const { promise: release, resolve } = Promise.withResolvers<void>();
    let runs = 0;
    const slow: JobHandler = async () => {
      runs += 1;
      await release;
    };
    const options = { leaseMs: 1000, renewEveryMs: 2 };
    const first = worker(queue, options).register("slow", slow);
    const second = worker(new JobQueue(b, { clock: time.clock }), options).register("slow", slow);
    const job = await queue.enqueue("slow", {});
    first.start();
    await eventually(async () => first.active === 1);
    second.start();
    const renewedNow = async () =>
      (await queue.get(job._id))?.leaseUntil === new Date(time.clock() + 1000).toISOString();
    for (let step = 0; step < 5; step++) {
      await eventually(renewedNow);
      // Without renewal the lease would lapse after two of these steps.
      time.advance(600);
      await Bun.sleep(15);
    }
    resolve();
    await eventually(async () => (await queue.get(job._id))?.status === "succeeded");
    await Promise.all([first.stop(), second.stop()]);
    expect(runs).toBe(1);
  });

  test("aborts the handler's signal when the lease is lost, and drops its outcome", async () => {
    const queue = new JobQueue(await sqliteStore());
    const logger = recordingLogger();
    let aborted = false;
    const w = worker(queue, { logger, leaseMs: 30 }).register("long", async (_job, { signal }) => {
      await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
      aborted = true;
      return "late";
    });
    const job = await queue.enqueue("long", {});
    w.start();
    await eventually(async () => w.active === 1);
    // Another worker took the job over (it holds a fresh lease, so this one cannot reclaim it).
    await queue.jobs.update(job._id, { leaseOwner: "someone-else", leaseUntil: "2999-01-01T00:00:00.000Z" });
    await eventually(async () => aborted);
    await w.stop();
    expect((await queue.get(job._id))?.result).toBeNull();
    expect(logger.lines.map((l) => l.msg)).toContain(
      "Job finished after its lease was lost; outcome not recorded",
    );
  });

  test("progress reported by a handler is visible while it runs", async () => {
    const queue = new JobQueue(await sqliteStore());
    const { promise: release, resolve } = Promise.withResolvers<void>();
    const w = worker(queue).register("import", async (_job, { progress }) => {
      await progress({ done: 40, total: 100, message: "Channels" });
      await release;
      return { imported: 100 };
    });
    const job = await queue.enqueue("import", {});
    w.start();
    await eventually(async () => (await queue.get(job._id))?.progress?.done === 40);
    expect(await queue.get(job._id)).toMatchObject({
      status: "running",
      progress: { total: 100, message: "Channels" },
    });
    resolve();
    await eventually(async () => (await queue.get(job._id))?.status === "succeeded");
    await w.stop();
    expect((await queue.get(job._id))?.result).toEqual({ imported: 100 });
  });

  test("stop waits for running handlers and claims nothing more", async () => {
    const queue = new JobQueue(await sqliteStore());
    let finished = 0;
    const w = worker(queue).register("job", async () => {
      await Bun.sleep(50);
      finished += 1;
    });
    await queue.enqueue("job", {});
    w.start();
    await eventually(async () => w.active === 1);
    await queue.enqueue("job", {});
    await w.stop();
    expect(finished).toBe(1);
    expect(await statusCount(queue, "succeeded")).toBe(1);
    expect(await statusCount(queue, "queued")).toBe(1);
  });

  test("runs up to `concurrency` handlers at once", async () => {
    const queue = new JobQueue(await sqliteStore());
    let now = 0;
    let peak = 0;
    const w = worker(queue, { concurrency: 3 }).register("job", async () => {
      now += 1;
      peak = Math.max(peak, now);
      await Bun.sleep(50);
      now -= 1;
    });
    for (let i = 0; i < 9; i++) await queue.enqueue("job", {});
    w.start();
    await eventually(async () => (await statusCount(queue, "succeeded")) === 9);
    await w.stop();
    expect(peak).toBe(3);
  });
});
