/**
 * A worker loop: claims due jobs of the types it has handlers for, runs up to `concurrency` at a
 * time, renews each lease while its handler runs, and records success or failure. `stop()` stops
 * claiming and waits for running handlers, so a deploy never abandons work half-way (and if the
 * process dies anyway, the lease expires and another instance takes the job over).
 */
import { newId } from "../db/ids.ts";
import { sleep } from "./_time.ts";
import type { JobDoc, JobProgress } from "./model.ts";
import type { JobQueue } from "./queue.ts";

/** The logging the worker needs; a pino logger fits as it is. */
export interface JobLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobContext {
  /** Aborted when the lease is lost: another worker may now run the job, so stop soon. */
  signal: AbortSignal;
  /** Publishes progress on the job document; false when the lease was lost. */
  progress(progress: JobProgress): Promise<boolean>;
}

/** Runs one job; the resolved value becomes the job's `result` (JSON). Throwing means a failed attempt. */
export type JobHandler<P = unknown> = (job: JobDoc<P>, context: JobContext) => Promise<unknown>;

export interface WorkerOptions {
  queue: JobQueue;
  logger: JobLogger;
  /** Identifies this worker in lease tokens and logs (default: a new id). */
  id?: string;
  /** Jobs run at the same time (default 1). */
  concurrency?: number;
  /** How often to look for due jobs when idle (default 1 s). */
  pollMs?: number;
  /** Lease length (default 30 s). */
  leaseMs?: number;
  /** How often a running job's lease is renewed (default a third of `leaseMs`). */
  renewEveryMs?: number;
}

export class JobWorker {
  readonly id: string;
  readonly #queue: JobQueue;
  readonly #log: JobLogger;
  readonly #concurrency: number;
  readonly #pollMs: number;
  readonly #leaseMs: number;
  readonly #renewEveryMs: number;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #running = new Set<Promise<void>>();
  #loop: Promise<void> | null = null;
  #stopping = new AbortController();
  #wake = new AbortController();

  constructor(options: WorkerOptions) {
    this.id = options.id ?? `worker-${newId()}`;
    this.#queue = options.queue;
    this.#log = options.logger;
    this.#concurrency = Math.max(1, options.concurrency ?? 1);
    this.#pollMs = options.pollMs ?? 1000;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#renewEveryMs = options.renewEveryMs ?? Math.max(1, Math.floor(this.#leaseMs / 3));
  }

  /** Registers the handler for a job type; the payload type is the handler's to check. */
  register<P>(type: string, handler: JobHandler<P>): this {
    this.#handlers.set(type, handler as JobHandler);
    return this;
  }

  /** How many handlers are running right now. */
  get active(): number {
    return this.#running.size;
  }

  start(): void {
    if (this.#loop) return;
    this.#stopping = new AbortController();
    this.#loop = this.#run();
  }

  /** Stops claiming, then waits for the running handlers to finish and record their outcome. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    this.#wake.abort();
    await this.#loop;
    await Promise.all(this.#running);
    this.#loop = null;
  }

  async #run(): Promise<void> {
    while (!this.#stopping.signal.aborted) {
      this.#wake = new AbortController();
      await this.#fill();
      // Sleeps until the poll interval passes, a slot frees up or stop() is called.
      await sleep(this.#pollMs, this.#wake.signal);
    }
  }

  /** Claims jobs until every slot is busy or nothing is due. */
  async #fill(): Promise<void> {
    const types = [...this.#handlers.keys()];
    while (!this.#stopping.signal.aborted && this.#running.size < this.#concurrency) {
      const job = await this.#claim(types);
      if (!job) return;
      const running = this.#execute(job).finally(() => {
        this.#running.delete(running);
        this.#wake.abort();
      });
      this.#running.add(running);
    }
  }

  async #claim(types: string[]): Promise<JobDoc | null> {
    try {
      return await this.#queue.claim(this.id, types, this.#leaseMs);
    } catch (error: unknown) {
      this.#log.error({ err: error, worker: this.id }, "Claiming a job failed");
      return null;
    }
  }

  /** Runs one job with lease renewal; never rejects. */
  async #execute(job: JobDoc): Promise<void> {
    const lost = new AbortController();
    const finished = new AbortController();
    const renewing = this.#renewLease(job, lost, finished.signal);
    try {
      const result = await this.#handle(job, lost.signal);
      await this.#record(job, () => this.#queue.complete(job, result), "succeeded");
    } catch (error: unknown) {
      await this.#record(job, () => this.#queue.fail(job, error), "failed", error);
    } finally {
      finished.abort();
      await renewing;
    }
  }

  #handle(job: JobDoc, signal: AbortSignal): Promise<unknown> {
    const handler = this.#handlers.get(job.type);
    if (!handler) return Promise.reject(new Error(`No handler for job type "${job.type}"`));
    const context: JobContext = { signal, progress: (progress) => this.#queue.progress(job, progress) };
    this.#log.info({ jobId: job._id, type: job.type, attempt: job.attempts }, "Job started");
    return handler(job, context);
  }

  async #record(job: JobDoc, write: () => Promise<unknown>, outcome: string, error?: unknown): Promise<void> {
    const fields = { jobId: job._id, type: job.type, attempt: job.attempts, worker: this.id };
    try {
      const saved = await write();
      if (saved === false || saved === null) {
        this.#log.warn(fields, "Job finished after its lease was lost; outcome not recorded");
      } else if (error === undefined) {
        this.#log.info(fields, `Job ${outcome}`);
      } else {
        this.#log.warn({ ...fields, err: error, status: (saved as JobDoc).status }, `Job ${outcome}`);
      }
    } catch (storeError: unknown) {
      this.#log.error({ ...fields, err: storeError }, "Recording a job outcome failed");
    }
  }

  /** Renews the lease until `finished`; aborts `lost` when another worker holds the job now. */
  async #renewLease(job: JobDoc, lost: AbortController, finished: AbortSignal): Promise<void> {
    while (!finished.aborted) {
      await sleep(this.#renewEveryMs, finished);
      if (finished.aborted) return;
      if (!(await this.#renewOnce(job))) {
        this.#log.warn({ jobId: job._id, worker: this.id }, "Job lease lost");
        lost.abort();
        return;
      }
    }
  }

  /** A failed renewal write (store briefly down) is logged and retried; only a lost lease stops it. */
  async #renewOnce(job: JobDoc): Promise<boolean> {
    try {
      return await this.#queue.renew(job, this.#leaseMs);
    } catch (error: unknown) {
      this.#log.error({ err: error, jobId: job._id }, "Renewing a job lease failed");
      return true;
    }
  }
}
