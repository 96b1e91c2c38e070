import { describe, expect, test } from "bun:test";
import { fakeClock, sqliteStore, sqliteStores } from "./_testing.ts";
import { JobQueue } from "./queue.ts";
import { nextRunAfter, Schedules } from "./schedules.ts";

const MINUTE = 60_000;

async function single() {
  const time = fakeClock();
  const store = await sqliteStore();
  const queue = new JobQueue(store, { clock: time.clock });
  return { time, queue, schedules: new Schedules(store, queue, { clock: time.clock }) };
}

/** Completes every pending job, as a worker would, so the next run is not skipped as overlapping. */
async function runAll(queue: JobQueue): Promise<void> {
  for (let job = await queue.claim("w", ["epg"], 1000); job; job = await queue.claim("w", ["epg"], 1000)) {
    await queue.complete(job);
  }
}

describe("nextRunAfter", () => {
  test("steps to the first grid point after now, collapsing missed runs", () => {
    expect(nextRunAfter(0, 10, 0)).toBe(10);
    expect(nextRunAfter(0, 10, 9)).toBe(10);
    expect(nextRunAfter(0, 10, 10)).toBe(20);
    expect(nextRunAfter(0, 10, 95)).toBe(100);
  });
});

describe("Schedules", () => {
  test("upsert creates by name, then updates in place", async () => {
    const { schedules } = await single();
    const created = await schedules.upsert({ name: "epg-refresh", type: "epg", everyMs: 5 * MINUTE });
    expect(created).toMatchObject({ nextRunAt: "2030-01-01T00:00:00.000Z", payload: null, lastRunAt: null });
    const updated = await schedules.upsert({
      name: "epg-refresh",
      type: "epg",
      payload: { full: true },
      everyMs: MINUTE,
    });
    expect(updated).toMatchObject({ _id: created._id, everyMs: MINUTE, payload: { full: true } });
    expect((await schedules.list()).length).toBe(1);
    expect(await schedules.remove("epg-refresh")).toBe(true);
  });

  test("rejects bad names and too-short periods", async () => {
    const { schedules } = await single();
    await expect(schedules.upsert({ name: "a b", type: "epg", everyMs: MINUTE })).rejects.toThrow("Invalid");
    await expect(schedules.upsert({ name: "ok", type: "epg", everyMs: 10 })).rejects.toThrow("everyMs");
  });

  test("enqueues a run when due and not before", async () => {
    const { schedules, queue, time } = await single();
    await schedules.upsert({
      name: "epg-refresh",
      type: "epg",
      payload: { p: 1 },
      everyMs: MINUTE,
      startAt: new Date(time.clock() + MINUTE),
    });
    expect(await schedules.tick()).toBe(0);
    time.advance(MINUTE);
    expect(await schedules.tick()).toBe(1);
    expect(await schedules.tick()).toBe(0);
    const jobs = (await queue.list()).items;
    expect(jobs.map((j) => [j._id, j.payload])).toEqual([
      ["schedule:epg-refresh:2030-01-01T00:01:00.000Z", { p: 1 }],
    ]);
  });

  test("fires once per period across two instances ticking at the same time", async () => {
    const time = fakeClock();
    const stores = await sqliteStores(2);
    const queues = stores.map((store) => new JobQueue(store, { clock: time.clock }));
    const instances = stores.map(
      (store, i) => new Schedules(store, queues[i] as JobQueue, { clock: time.clock }),
    );
    await Promise.all(instances.map((s) => s.upsert({ name: "epg-refresh", type: "epg", everyMs: MINUTE })));
    const queue = queues[0] as JobQueue;
    for (let period = 0; period < 5; period++) {
      const ticks = instances.flatMap((s) => [s.tick(), s.tick(), s.tick()]);
      expect((await Promise.all(ticks)).reduce((a, b) => a + b, 0)).toBe(1);
      await runAll(queue);
      time.advance(MINUTE);
    }
    const ids = (await queue.list({}, { limit: 100 })).items.map((j) => j._id).sort();
    expect(ids).toEqual([0, 1, 2, 3, 4].map((m) => `schedule:epg-refresh:2030-01-01T00:0${m}:00.000Z`));
  });

  test("collapses runs missed while down into one", async () => {
    const { schedules, queue, time } = await single();
    await schedules.upsert({ name: "sync", type: "epg", everyMs: MINUTE });
    time.advance(10 * MINUTE + 30_000);
    expect(await schedules.tick()).toBe(1);
    expect(await queue.jobs.count()).toBe(1);
    expect((await schedules.list())[0]?.nextRunAt).toBe("2030-01-01T00:11:00.000Z");
  });

  test("skips a period while the previous run is still pending", async () => {
    const { schedules, queue, time } = await single();
    await schedules.upsert({ name: "sync", type: "epg", everyMs: MINUTE });
    await schedules.tick();
    time.advance(MINUTE);
    expect(await schedules.tick()).toBe(1);
    expect(await queue.jobs.count()).toBe(1);
    await runAll(queue);
    time.advance(MINUTE);
    await schedules.tick();
    expect(await queue.jobs.count()).toBe(2);
  });
});
