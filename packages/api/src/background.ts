/**
 * The background-job runtime of one API process: the durable queue, recurring schedules, a
 * worker, and a ticker that turns due schedules into jobs. Modules register their handlers
 * and schedules in `job-handlers.ts`; `serve` starts the runtime when JOBS_ENABLED.
 */
import type { Config } from "./config/config.ts";
import type { DocumentStore } from "./db/port.ts";
import { JobQueue, JobWorker, Schedules } from "./jobs/mod.ts";
import type { Logger } from "./log/logger.ts";

export interface Jobs {
  readonly queue: JobQueue;
  readonly schedules: Schedules;
  readonly worker: JobWorker;
  start(): void;
  stop(): Promise<void>;
}

export function createJobs(store: DocumentStore, log: Logger, config: Config): Jobs {
  const queue = new JobQueue(store);
  const schedules = new Schedules(store, queue);
  const worker = new JobWorker({
    queue,
    logger: log.child({ component: "jobs" }),
    pollMs: config.JOBS_POLL_MS,
    concurrency: 2,
  });
  let ticker: Timer | undefined;
  let ticking: Promise<unknown> = Promise.resolve();
  return {
    queue,
    schedules,
    worker,
    start() {
      if (ticker) return;
      worker.start();
      ticker = setInterval(() => {
        ticking = schedules
          .tick()
          .catch((error: unknown) => log.error({ err: error }, "schedule tick failed"));
      }, config.JOBS_POLL_MS);
    },
    async stop() {
      clearInterval(ticker);
      ticker = undefined;
      await ticking;
      await worker.stop();
    },
  };
}
