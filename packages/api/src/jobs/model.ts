/**
 * The documents behind durable jobs. A job is one unit of background work with its retry state
 * and lease; a schedule makes a job of a given type every `everyMs`. Times are ISO-8601 UTC
 * strings so they sort and compare the same on every storage adapter.
 */
import type { BaseDoc, CollectionDef } from "../db/port.ts";

/**
 * `queued` waits for `runAt`; `running` is held by `leaseOwner` until `leaseUntil`; `failed`
 * means the last attempt failed and a retry waits for `runAt`; `dead` gave up after `maxAttempts`.
 */
export type JobStatus = "queued" | "running" | "succeeded" | "failed" | "dead";

export interface JobProgress {
  done: number;
  total: number;
  message?: string;
}

export interface JobDoc<P = unknown> extends BaseDoc {
  type: string;
  /** Any JSON value; handlers validate their own payloads. */
  payload: P;
  status: JobStatus;
  runAt: string;
  /** Attempts started so far; counted when a worker claims the job. */
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  /** The claim token of the worker running it (unique per claim), null when not running. */
  leaseOwner: string | null;
  leaseUntil: string | null;
  progress: JobProgress | null;
  result: unknown;
  /** Present only while the job is pending or running, so a unique index allows one such job per key. */
  dedupeKey?: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface ScheduleDoc extends BaseDoc {
  /** Unique; also part of each run's job id. */
  name: string;
  type: string;
  payload: unknown;
  everyMs: number;
  nextRunAt: string;
  lastRunAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const JOBS: CollectionDef = {
  name: "jobs",
  indexes: [
    // Claiming: due queued/failed jobs by runAt; expired leases by leaseUntil.
    {
      fields: [
        ["status", 1],
        ["runAt", 1],
      ],
    },
    {
      fields: [
        ["status", 1],
        ["leaseUntil", 1],
      ],
    },
    { fields: [["dedupeKey", 1]], unique: true },
    // Admin listing, newest first, optionally by status or type.
    { fields: [["createdAt", -1]] },
    {
      fields: [
        ["status", 1],
        ["createdAt", -1],
      ],
    },
    {
      fields: [
        ["type", 1],
        ["status", 1],
        ["createdAt", -1],
      ],
    },
  ],
};

export const JOB_SCHEDULES: CollectionDef = {
  name: "job_schedules",
  indexes: [{ fields: [["name", 1]], unique: true }, { fields: [["nextRunAt", 1]] }],
};

/** Every collection the job system needs; part of the app's `migrate`. */
export const JOB_COLLECTIONS: CollectionDef[] = [JOBS, JOB_SCHEDULES];
