/**
 * A worker in its own process, for the cross-process test: `bun _worker-process.ts <db> <name>`.
 * Each run is recorded in a `runs` collection; the process exits once no job is left to do.
 */

import type { BaseDoc } from "../db/port.ts";
import { SqliteStore } from "../db/sqlite.ts";
import { JobQueue } from "./queue.ts";
import { JobWorker } from "./worker.ts";

interface RunDoc extends BaseDoc {
  jobId: string;
  worker: string;
}

const [path = "", name = "worker"] = Bun.argv.slice(2);
const store = new SqliteStore(path);
const queue = new JobQueue(store);
const runs = store.collection<RunDoc>({ name: "runs" });
const quiet = { info() {}, warn() {}, error() {} };
const worker = new JobWorker({ queue, logger: quiet, id: name, concurrency: 4, pollMs: 5 });
worker.register("count", async (job) => {
  await runs.insert({ jobId: job._id, worker: name });
  await Bun.sleep(1);
});
worker.start();
while ((await queue.jobs.count({ status: { in: ["queued", "running", "failed"] } })) > 0) await Bun.sleep(10);
await worker.stop();
await store.close();
