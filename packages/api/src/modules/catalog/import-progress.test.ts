import { afterAll, beforeAll, expect, test } from "bun:test";
import { createKit, type Kit } from "../entitlements/testing.ts";
import { importNow, type Origin, startOrigin } from "./testing.ts";

let kit: Kit;
let origin: Origin;
const playlist = `#EXTM3U\n${Array.from({ length: 50 }, (_, i) => `#EXTINF:-1 group-title="G",Ch ${i}\nhttp://up.example/live/a/b/${i}.ts\n`).join("")}`;

beforeAll(async () => {
  kit = await createKit();
  origin = startOrigin({ "/list.m3u": playlist });
});
afterAll(async () => {
  origin.stop();
  await kit.dispose();
});

test("import progress is published on the store's import topic to its owner, staff and platform admins only", async () => {
  const storeId = await kit.store();
  const owner = kit.owner(storeId);
  const created = await kit.call("POST", "/v1/providers", {
    as: owner,
    body: { name: "P", kind: "m3u", accounts: [{ url: `${origin.url}/list.m3u` }] },
  });
  // Who may subscribe is judged on a real import's topic.
  const first = await importNow(kit, owner, created.body.id);
  const topic = (id: string) => `stores/${storeId}/imports/${id}`;
  const rt = kit.ctx.realtime;
  const sink = (into: unknown[]) => ({ send: (text: string) => void into.push(JSON.parse(text)) });
  expect(await rt.subscribe(sink([]), owner, topic(first.id))).toBe(true);
  expect(await rt.subscribe(sink([]), kit.staff(storeId, []), topic(first.id))).toBe(true);
  expect(await rt.subscribe(sink([]), kit.admin(), topic(first.id))).toBe(true);
  expect(await rt.subscribe(sink([]), kit.owner(await kit.store()), topic(first.id))).toBe(false);
  expect(await rt.subscribe(sink([]), await kit.viewer(storeId), topic(first.id))).toBe(false);

  // Subscribe between starting the import and running its job, so every message is seen.
  const seen: Array<{ topic: string; data: { status: string; counts: { read: number }; percent: number } }> =
    [];
  const started = await kit.call("POST", "/v1/catalog/imports", {
    as: owner,
    body: { providerId: created.body.id },
  });
  await rt.subscribe(sink(seen), owner, topic(started.body.id));
  const { JobQueue, JobWorker } = await import("../../jobs/mod.ts");
  const { registerCatalogJobs } = await import("./jobs.ts");
  const worker = new JobWorker({ queue: new JobQueue(kit.ctx.store), logger: kit.ctx.log, pollMs: 5 });
  registerCatalogJobs(kit.ctx, { worker });
  worker.start();
  for (let i = 0; i < 400 && !seen.some((m) => m.data.status === "succeeded"); i++) await Bun.sleep(5);
  await worker.stop();
  const statuses = seen.map((m) => m.data.status);
  expect(statuses[0]).toBe("running");
  expect(statuses.at(-1)).toBe("succeeded");
  expect(seen.at(-1)?.data).toMatchObject({ percent: 100, counts: { read: 50 } });
  expect(seen.every((m) => m.topic === topic(started.body.id))).toBe(true);
});
