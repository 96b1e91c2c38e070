/**
 * Admin view of durable jobs: list, inspect and retry dead jobs, see recurring schedules
 * (platform admins only).
 */
import { Elysia, t } from "elysia";
import { recordAudit } from "../../audit/mod.ts";
import { accessPlugin, actorOf } from "../../auth/access.ts";
import type { Authenticate } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { problems } from "../../http/problem.ts";
import type { JobDoc } from "../../jobs/mod.ts";
import { JobListQuery, JobPage, JobSchema, ScheduleSchema } from "./model.ts";

export const JOB_ACCESS = { admin: { roles: ["platform_admin"] } } as const;

function jobDto(job: JobDoc) {
  return {
    id: job._id,
    type: job.type,
    status: job.status,
    payload: job.payload,
    runAt: job.runAt,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    lastError: job.lastError,
    progress: job.progress,
    result: job.result,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    finishedAt: job.finishedAt,
  };
}

const IdParams = t.Object({ id: t.String({ minLength: 1, maxLength: 200 }) });
const tags = ["jobs"];

export function jobsModule(ctx: AppContext, authenticate: Authenticate) {
  const { queue, schedules } = ctx.jobs;
  return new Elysia({ name: "jobs" })
    .use(accessPlugin(authenticate))
    .get(
      "/v1/jobs",
      async ({ query }) => {
        const page = await queue.list(
          { ...(query.status ? { status: query.status } : {}), ...(query.type ? { type: query.type } : {}) },
          { limit: query.limit ?? 50, ...(query.cursor ? { cursor: query.cursor } : {}) },
        );
        return { items: page.items.map(jobDto), nextCursor: page.nextCursor };
      },
      {
        access: JOB_ACCESS.admin,
        query: JobListQuery,
        response: { 200: JobPage, ...problems(400, 401, 403) },
        detail: { summary: "List jobs newest first, filtered by status and type", tags },
      },
    )
    .get(
      "/v1/jobs/schedules",
      async () =>
        (await schedules.list()).map((s) => ({
          name: s.name,
          type: s.type,
          everyMs: s.everyMs,
          nextRunAt: s.nextRunAt,
          lastRunAt: s.lastRunAt,
        })),
      {
        access: JOB_ACCESS.admin,
        response: { 200: t.Array(ScheduleSchema), ...problems(401, 403) },
        detail: { summary: "Recurring schedules and their next run", tags },
      },
    )
    .get(
      "/v1/jobs/:id",
      async ({ params }) => {
        const job = await queue.get(params.id);
        if (!job) throw new AppError("not_found", "No such job");
        return jobDto(job);
      },
      {
        access: JOB_ACCESS.admin,
        params: IdParams,
        response: { 200: JobSchema, ...problems(401, 403, 404) },
        detail: { summary: "One job with its progress, attempts and last error", tags },
      },
    )
    .post(
      "/v1/jobs/:id/retry",
      async ({ params, principal }) => {
        const job = await queue.retryDead(params.id);
        if (!job) {
          if (await queue.get(params.id)) throw new AppError("conflict", "Only dead jobs can be retried");
          throw new AppError("not_found", "No such job");
        }
        await recordAudit(ctx, {
          actor: actorOf(principal),
          action: "job.retry",
          storeId: null,
          target: { type: "job", id: job._id },
        });
        return jobDto(job);
      },
      {
        access: JOB_ACCESS.admin,
        params: IdParams,
        response: { 200: JobSchema, ...problems(401, 403, 404, 409) },
        detail: { summary: "Put a dead job back in the queue with fresh attempts", tags },
      },
    );
}
