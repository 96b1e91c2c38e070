import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BaseDoc } from "../db/port.ts";
import { SqliteStore } from "../db/sqlite.ts";
import { JOB_COLLECTIONS } from "./model.ts";
import { JobQueue } from "./queue.ts";

const dir = mkdtempSync(join(tmpdir(), "nevewatch-procs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface RunDoc extends BaseDoc {
  jobId: string;
  worker: string;
}

test("two worker processes on one SQLite file run each of 100 jobs exactly once", async () => {
  const path = join(dir, "jobs.db");
  const store = new SqliteStore(path);
  await store.migrate([...JOB_COLLECTIONS, { name: "runs" }]);
  const queue = new JobQueue(store);
  for (let i = 0; i < 100; i++) await queue.enqueue("count", { i });
  const script = join(import.meta.dir, "_worker-process.ts");
  const children = ["P1", "P2"].map((name) =>
    Bun.spawn([process.execPath, script, path, name], { stdout: "inherit", stderr: "inherit" }),
  );
  expect(await Promise.all(children.map((child) => child.exited))).toEqual([0, 0]);
  const runs = (await store.collection<RunDoc>({ name: "runs" }).find({}, { limit: 1000 })).items;
  expect(runs.length).toBe(100);
  expect(new Set(runs.map((run) => run.jobId)).size).toBe(100);
  expect(await queue.jobs.count({ status: "succeeded", attempts: 1 })).toBe(100);
  await store.close();
}, 20_000);
