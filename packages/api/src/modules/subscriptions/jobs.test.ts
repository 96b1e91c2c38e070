import { afterAll, beforeAll, expect, test } from "bun:test";
import { JOB_COLLECTIONS, JobQueue, JobWorker, Schedules } from "../../jobs/mod.ts";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { EXPIRE_JOB, EXPIRE_SCHEDULE, registerSubscriptionJobs } from "./jobs.ts";

let kit: Kit;

beforeAll(async () => {
  kit = await createKit();
  await kit.ctx.store.migrate(JOB_COLLECTIONS);
});
afterAll(() => kit.dispose());

test("the recurring schedule enqueues the sweep and a worker expires what is due", async () => {
  const store = await kit.store();
  const owner = kit.owner(store);
  const plan = await kit.call("POST", "/v1/plans", {
    as: owner,
    body: { name: "Day", price: 100, currency: "EUR", durationDays: 1, screens: 1 },
  });
  const viewer = await kit.viewer(store);
  const endsAt = new Date(Date.now() + 50).toISOString();
  const { body: sub } = await kit.call("POST", "/v1/subscriptions", {
    as: owner,
    body: { viewerId: viewer.id, planId: plan.body.id, endsAt },
  });
  await Bun.sleep(70);

  const queue = new JobQueue(kit.ctx.store);
  const schedules = new Schedules(kit.ctx.store, queue);
  const worker = new JobWorker({ queue, logger: kit.ctx.log, pollMs: 10 });
  await registerSubscriptionJobs(kit.ctx, { worker, schedules });
  await registerSubscriptionJobs(kit.ctx, { worker, schedules });
  expect((await schedules.list()).filter((s) => s.name === EXPIRE_SCHEDULE.name)).toHaveLength(1);

  expect(await schedules.tick()).toBe(1);
  worker.start();
  let job = (await queue.list({ type: EXPIRE_JOB })).items[0];
  for (let i = 0; i < 100 && job?.status !== "succeeded"; i++) {
    await Bun.sleep(10);
    job = job ? ((await queue.get(job._id)) ?? undefined) : undefined;
  }
  await worker.stop();
  expect(job).toMatchObject({ status: "succeeded", result: { expired: 1 } });
  const after = await kit.call("GET", `/v1/subscriptions/${sub.id}`, { as: owner });
  expect(after.body.status).toBe("expired");
});
