/**
 * Schemas of the admin view of jobs. Payloads and results are shown as stored (any JSON).
 */
import { t } from "elysia";
import { enumOf } from "../../auth/enum.ts";

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "dead"] as const;

export const JobSchema = t.Object(
  {
    id: t.String(),
    type: t.String(),
    status: t.UnionEnum([...JOB_STATUSES]),
    payload: t.Unknown(),
    runAt: t.String(),
    attempts: t.Integer(),
    maxAttempts: t.Integer(),
    lastError: t.Union([t.String(), t.Null()]),
    progress: t.Union([
      t.Object({ done: t.Number(), total: t.Number(), message: t.Optional(t.String()) }),
      t.Null(),
    ]),
    result: t.Unknown(),
    createdAt: t.String(),
    updatedAt: t.String(),
    finishedAt: t.Union([t.String(), t.Null()]),
  },
  {
    examples: [
      {
        id: "0193a1f2-7c3e-7000-8000-0000000000j1",
        type: "catalog.import",
        status: "running",
        payload: { providerId: "p1" },
        runAt: "2026-11-25T12:00:00.000Z",
        attempts: 1,
        maxAttempts: 5,
        lastError: null,
        progress: { done: 4200, total: 100000, message: "Importing channels" },
        result: null,
        createdAt: "2026-11-25T12:00:00.000Z",
        updatedAt: "2026-11-25T12:00:03.000Z",
        finishedAt: null,
      },
    ],
  },
);

export const JobPage = t.Object({ items: t.Array(JobSchema), nextCursor: t.Union([t.String(), t.Null()]) });

export const ScheduleSchema = t.Object({
  name: t.String(),
  type: t.String(),
  everyMs: t.Integer(),
  nextRunAt: t.String(),
  lastRunAt: t.Union([t.String(), t.Null()]),
});

export const JobListQuery = t.Object({
  status: t.Optional(enumOf(JOB_STATUSES)),
  type: t.Optional(t.String({ maxLength: 100 })),
  limit: t.Optional(t.Numeric({ minimum: 1, maximum: 200 })),
  cursor: t.Optional(t.String({ maxLength: 500 })),
});
