/**
 * The durable job queue on the document store (any adapter: it uses only the port). Claiming is
 * one atomic `findOneAndUpdate`, so two instances never run one job at once; a claim holds a
 * lease that the worker renews, and a job whose lease expired (its worker died) is claimable
 * again. Every write by a worker is guarded by its claim token, so a worker that lost its lease
 * cannot overwrite the new owner's state.
 */

import { newId } from "../db/ids.ts";
import type { Collection, DocumentStore, Filter, Page, Patch } from "../db/port.ts";
import { isAppError } from "../errors/app-error.ts";
import { backoffMs } from "./_backoff.ts";
import { type Clock, iso, systemClock } from "./_time.ts";
import { JOBS, type JobDoc, type JobProgress, type JobStatus } from "./model.ts";

export interface QueueOptions {
  clock?: Clock;
  /** Jitter source in [0, 1); defaults to Math.random. */
  random?: () => number;
  /** First retry delay window (default 5 s); doubles per attempt. */
  backoffBaseMs?: number;
  /** Longest retry delay window (default 1 h). */
  backoffMaxMs?: number;
  /** Attempts before a job is dead, unless `enqueue` says otherwise (default 5). */
  maxAttempts?: number;
}

export interface EnqueueOptions {
  /** When it may run first (default now). */
  runAt?: Date | string;
  /** At most one pending or running job per key: enqueueing again returns that job. */
  dedupeKey?: string;
  maxAttempts?: number;
  /** A caller-chosen id makes enqueueing idempotent: a second insert is AppError "duplicate". */
  id?: string;
}

export interface ListJobsFilter {
  status?: JobStatus;
  type?: string;
}

export interface ListJobsOptions {
  limit?: number;
  cursor?: string;
}

const MAX_ERROR_LENGTH = 4000;
const CLAIM_ROUNDS = 10;

export class JobQueue {
  readonly jobs: Collection<JobDoc>;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #backoffBaseMs: number;
  readonly #backoffMaxMs: number;
  readonly #maxAttempts: number;

  constructor(store: DocumentStore, options: QueueOptions = {}) {
    this.jobs = store.collection<JobDoc>(JOBS);
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#backoffBaseMs = options.backoffBaseMs ?? 5000;
    this.#backoffMaxMs = options.backoffMaxMs ?? 3_600_000;
    this.#maxAttempts = options.maxAttempts ?? 5;
  }

  /** Adds a job; with a `dedupeKey` that is already pending or running, returns that job instead. */
  async enqueue<P>(type: string, payload: P, options: EnqueueOptions = {}): Promise<JobDoc<P>> {
    const now = iso(this.#clock());
    const runAt = options.runAt === undefined ? now : new Date(options.runAt).toISOString();
    const doc = {
      ...(options.id === undefined ? {} : { _id: options.id }),
      ...(options.dedupeKey === undefined ? {} : { dedupeKey: options.dedupeKey }),
      type,
      payload,
      status: "queued" as const,
      runAt,
      attempts: 0,
      maxAttempts: options.maxAttempts ?? this.#maxAttempts,
      lastError: null,
      leaseOwner: null,
      leaseUntil: null,
      progress: null,
      result: null,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    };
    return (await this.#insertOrExisting(doc, options.dedupeKey)) as JobDoc<P>;
  }

  /** Retries because the job holding the key may finish between our insert and our read. */
  async #insertOrExisting(doc: Omit<JobDoc, "_id" | "_v">, dedupeKey: string | undefined): Promise<JobDoc> {
    for (let round = 0; ; round++) {
      try {
        return await this.jobs.insert(doc);
      } catch (error: unknown) {
        if (dedupeKey === undefined || round >= 2 || !isAppError(error) || error.code !== "duplicate")
          throw error;
        const existing = await this.jobs.findOne({ dedupeKey });
        if (existing) return existing;
      }
    }
  }

  /**
   * Claims the next due job of one of `types` for `owner`, leased for `leaseMs`. The returned
   * job's `leaseOwner` is the claim token that the later calls check. A job whose lease expired
   * once too often (its worker keeps dying) is marked dead instead of being run again.
   */
  async claim(owner: string, types: readonly string[], leaseMs: number): Promise<JobDoc | null> {
    for (let round = 0; round < CLAIM_ROUNDS; round++) {
      const job = await this.#claimOnce(owner, types, leaseMs);
      if (!job) return null;
      if (job.attempts <= job.maxAttempts) return job;
      await this.#finishFailed(
        job,
        "The job's lease expired too often (its worker stopped while running it)",
      );
    }
    return null;
  }

  async #claimOnce(owner: string, types: readonly string[], leaseMs: number): Promise<JobDoc | null> {
    const now = this.#clock();
    // `type` sits inside each branch so SQLite's planner searches the status indexes (the few
    // due jobs) rather than every job of a type ever run.
    const type = { in: [...types] };
    const due: Filter = {
      $or: [
        { status: { in: ["queued", "failed"] }, runAt: { lte: iso(now) }, type },
        { status: "running", leaseUntil: { lt: iso(now) }, type },
      ],
    };
    const token = `${owner}/${newId()}`;
    const lease = {
      status: "running",
      leaseOwner: token,
      leaseUntil: iso(now + leaseMs),
      updatedAt: iso(now),
    } as const;
    const claimed = await this.jobs.findOneAndUpdate(due, lease, { sort: [["runAt", 1]] });
    if (!claimed) return null;
    // The port's atomic claim sets fields; counting the attempt is a second write guarded by the token.
    return this.jobs.increment(claimed._id, { attempts: 1 }, { where: { leaseOwner: token } });
  }

  /** Applies a patch only while `job`'s claim still holds; false when the lease was lost. */
  async #asOwner(job: JobDoc, patch: Patch<JobDoc>): Promise<JobDoc | null> {
    const owned: Filter = { _id: job._id, status: "running", leaseOwner: job.leaseOwner };
    return this.jobs.findOneAndUpdate(owned, { ...patch, updatedAt: iso(this.#clock()) });
  }

  /** Extends the lease; false when another worker took the job over meanwhile. */
  async renew(job: JobDoc, leaseMs: number): Promise<boolean> {
    return (await this.#asOwner(job, { leaseUntil: iso(this.#clock() + leaseMs) })) !== null;
  }

  /** Records progress that admins and clients can watch while the job runs. */
  async progress(job: JobDoc, progress: JobProgress): Promise<boolean> {
    return (await this.#asOwner(job, { progress })) !== null;
  }

  /** Marks the job succeeded with its result; false when the lease was lost (result dropped). */
  async complete(job: JobDoc, result: unknown = null): Promise<boolean> {
    const done = { status: "succeeded", result, finishedAt: iso(this.#clock()) } as const;
    return (await this.#asOwner(job, { ...done, ...released })) !== null;
  }

  /**
   * Records a failed attempt: the job retries after an exponential, jittered delay, or is dead
   * once it used `maxAttempts`. Returns the updated job, or null when the lease was lost.
   */
  async fail(job: JobDoc, error: unknown): Promise<JobDoc | null> {
    if (job.attempts >= job.maxAttempts) return this.#finishFailed(job, describeError(error));
    const delay = backoffMs(job.attempts, {
      baseMs: this.#backoffBaseMs,
      maxMs: this.#backoffMaxMs,
      random: this.#random,
    });
    const retry = {
      status: "failed",
      lastError: describeError(error),
      runAt: iso(this.#clock() + delay),
    } as const;
    return this.#asOwner(job, { ...retry, leaseOwner: null, leaseUntil: null });
  }

  #finishFailed(job: JobDoc, lastError: string): Promise<JobDoc | null> {
    const dead = { status: "dead", lastError, finishedAt: iso(this.#clock()) } as const;
    return this.#asOwner(job, { ...dead, ...released });
  }

  async get(id: string): Promise<JobDoc | null> {
    return this.jobs.get(id);
  }

  /** Jobs newest first, for the admin view. */
  async list(filter: ListJobsFilter = {}, options: ListJobsOptions = {}): Promise<Page<JobDoc>> {
    return this.jobs.find(
      { status: filter.status, type: filter.type },
      { ...options, sort: [["createdAt", -1]] },
    );
  }

  /** Puts a dead job back in the queue with fresh attempts; null when it is not dead. */
  async retryDead(id: string): Promise<JobDoc | null> {
    const now = iso(this.#clock());
    const again = { status: "queued", attempts: 0, runAt: now, finishedAt: null, updatedAt: now } as const;
    return this.jobs.findOneAndUpdate({ _id: id, status: "dead" }, again);
  }

  /** Deletes succeeded jobs that finished before `before`; returns how many. */
  async purgeSucceeded(before: Date): Promise<number> {
    return this.jobs.deleteMany({ status: "succeeded", finishedAt: { lt: before.toISOString() } });
  }
}

/** Fields cleared when a job leaves the running state for good; the dedupe key frees up too. */
const released = { leaseOwner: null, leaseUntil: null, dedupeKey: undefined } as const;

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
