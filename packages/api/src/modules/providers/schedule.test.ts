import { afterAll, beforeAll, expect, test } from "bun:test";
import { JobQueue, Schedules } from "../../jobs/mod.ts";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { IMPORT_JOB, scheduleName } from "./schedule.ts";

let kit: Kit;
beforeAll(async () => {
  kit = await createKit();
});
afterAll(() => kit.dispose());

test("a provider's refresh schedule follows its settings: created, moved, removed when disabled or deleted", async () => {
  const storeId = await kit.store();
  const owner = kit.owner(storeId);
  const schedules = new Schedules(kit.ctx.store, new JobQueue(kit.ctx.store));
  const mine = async (id: string) => (await schedules.list()).find((s) => s.name === scheduleName(id));
  const created = await kit.call("POST", "/v1/providers", {
    as: owner,
    body: { name: "P", kind: "m3u", refreshMinutes: 360, accounts: [{ url: "http://up.example/list.m3u" }] },
  });
  const id = created.body.id;
  expect(await mine(id)).toMatchObject({
    type: IMPORT_JOB,
    everyMs: 360 * 60_000,
    payload: { storeId, providerId: id },
  });
  await kit.call("PATCH", `/v1/providers/${id}`, { as: owner, body: { refreshMinutes: 720 } });
  expect((await mine(id))?.everyMs).toBe(720 * 60_000);
  await kit.call("PATCH", `/v1/providers/${id}`, { as: owner, body: { enabled: false } });
  expect(await mine(id)).toBeUndefined();
  await kit.call("PATCH", `/v1/providers/${id}`, { as: owner, body: { enabled: true } });
  expect(await mine(id)).toBeDefined();
  await kit.call("DELETE", `/v1/providers/${id}`, { as: owner });
  expect(await mine(id)).toBeUndefined();
});
