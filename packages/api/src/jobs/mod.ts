/**
 * Durable background jobs on the document store, for both adapters: a queue with leases,
 * retries with backoff and a dead-letter state, a worker loop, and recurring schedules that fire
 * once per period across any number of instances. `JOB_COLLECTIONS` joins the app's `migrate`.
 */
export {
  JOB_COLLECTIONS,
  JOB_SCHEDULES,
  JOBS,
  type JobDoc,
  type JobProgress,
  type JobStatus,
  type ScheduleDoc,
} from "./model.ts";
export {
  type EnqueueOptions,
  JobQueue,
  type ListJobsFilter,
  type ListJobsOptions,
  type QueueOptions,
} from "./queue.ts";
export { nextRunAfter, type ScheduleInput, Schedules } from "./schedules.ts";
export { type JobContext, type JobHandler, type JobLogger, JobWorker, type WorkerOptions } from "./worker.ts";
