/**
 * Recurring jobs. A schedule says "make a job of this type every `everyMs`". Any number of
 * instances may call `tick()`; each due run becomes exactly one job because the job id is derived
 * from the schedule name and the run time (a second insert is a duplicate), and the schedule's
 * `nextRunAt` only advances by compare-and-set. Runs missed while everything was down collapse
 * into one, and a run is skipped while the previous one is still pending or running.
 */

import type { Collection, DocumentStore } from "../db/port.ts";
import { AppError, isAppError } from "../errors/app-error.ts";
import { type Clock, iso, systemClock } from "./_time.ts";
import { JOB_SCHEDULES, type ScheduleDoc } from "./model.ts";
import type { JobQueue } from "./queue.ts";

export interface ScheduleInput {
  /** Unique, e.g. `epg-refresh`; letters, digits, `.`, `_` and `-`. */
  name: string;
  type: string;
  payload?: unknown;
  everyMs: number;
  /** The first run (default now); when updating, moves the next run. */
  startAt?: Date | string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const TICK_BATCH = 100;

/** The first run time after `now` on the grid `runAt + k·everyMs`. */
export function nextRunAfter(runAtMs: number, everyMs: number, nowMs: number): number {
  const periods = Math.max(1, Math.floor((nowMs - runAtMs) / everyMs) + 1);
  return runAtMs + periods * everyMs;
}

function checkInput(input: ScheduleInput): void {
  if (!NAME.test(input.name)) {
    throw new AppError("bad_request", `Invalid schedule name "${input.name}"`, { name: input.name });
  }
  if (!Number.isInteger(input.everyMs) || input.everyMs < 1000) {
    throw new AppError("bad_request", `Schedule "${input.name}" needs everyMs of at least 1000`, {
      name: input.name,
    });
  }
}

export class Schedules {
  readonly schedules: Collection<ScheduleDoc>;
  readonly #queue: JobQueue;
  readonly #clock: Clock;

  constructor(store: DocumentStore, queue: JobQueue, options: { clock?: Clock } = {}) {
    this.schedules = store.collection<ScheduleDoc>(JOB_SCHEDULES);
    this.#queue = queue;
    this.#clock = options.clock ?? systemClock;
  }

  /** Creates or updates a schedule by name; safe to call at every boot from every instance. */
  async upsert(input: ScheduleInput): Promise<ScheduleDoc> {
    checkInput(input);
    const existing = await this.schedules.findOne({ name: input.name });
    if (existing) return this.#update(existing, input);
    const now = iso(this.#clock());
    const nextRunAt = input.startAt === undefined ? now : new Date(input.startAt).toISOString();
    const doc = { ...this.#fields(input), nextRunAt, lastRunAt: null, createdAt: now, updatedAt: now };
    try {
      return await this.schedules.insert(doc);
    } catch (error: unknown) {
      const raced = isAppError(error) && error.code === "duplicate";
      const winner = raced ? await this.schedules.findOne({ name: input.name }) : null;
      if (!winner) throw error;
      return this.#update(winner, input);
    }
  }

  #fields(input: ScheduleInput): Pick<ScheduleDoc, "name" | "type" | "payload" | "everyMs"> {
    return { name: input.name, type: input.type, payload: input.payload ?? null, everyMs: input.everyMs };
  }

  async #update(existing: ScheduleDoc, input: ScheduleInput): Promise<ScheduleDoc> {
    const moved = input.startAt === undefined ? {} : { nextRunAt: new Date(input.startAt).toISOString() };
    const patch = { ...this.#fields(input), ...moved, updatedAt: iso(this.#clock()) };
    return (await this.schedules.update(existing._id, patch)) ?? existing;
  }

  async remove(name: string): Promise<boolean> {
    return (await this.schedules.deleteMany({ name })) > 0;
  }

  async list(): Promise<ScheduleDoc[]> {
    return (await this.schedules.find({}, { sort: [["name", 1]], limit: 1000 })).items;
  }

  /** Enqueues every due run; returns how many schedules this instance advanced. */
  async tick(): Promise<number> {
    const now = this.#clock();
    const due = await this.schedules.find(
      { nextRunAt: { lte: iso(now) } },
      { sort: [["nextRunAt", 1]], limit: TICK_BATCH },
    );
    let advanced = 0;
    for (const schedule of due.items) {
      if (await this.#fire(schedule, now)) advanced += 1;
    }
    return advanced;
  }

  /** Enqueue first, then advance: a crash in between re-fires the same run id, which is a no-op. */
  async #fire(schedule: ScheduleDoc, now: number): Promise<boolean> {
    const runAt = schedule.nextRunAt;
    await this.#enqueueRun(schedule, runAt);
    const next = iso(nextRunAfter(Date.parse(runAt), schedule.everyMs, now));
    const patch = { nextRunAt: next, lastRunAt: runAt, updatedAt: iso(now) };
    const won = await this.schedules.findOneAndUpdate({ _id: schedule._id, nextRunAt: runAt }, patch);
    return won !== null;
  }

  async #enqueueRun(schedule: ScheduleDoc, runAt: string): Promise<void> {
    try {
      await this.#queue.enqueue(schedule.type, schedule.payload, {
        id: `schedule:${schedule.name}:${runAt}`,
        runAt,
        dedupeKey: `schedule:${schedule.name}`,
      });
    } catch (error: unknown) {
      // Another instance already made this run's job: exactly the outcome we want.
      if (!isAppError(error) || error.code !== "duplicate") throw error;
    }
  }
}
