/** Test helpers for the job system: SQLite files in a temp folder, a fake clock, a recording logger. */
import { afterAll } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DocumentStore } from "../db/port.ts";
import { SqliteStore } from "../db/sqlite.ts";
import { JOB_COLLECTIONS } from "./model.ts";
import type { JobLogger } from "./worker.ts";

/** A fresh database file; `handles` stores open on it (like separate instances), migrated. */
export async function sqliteStores(handles: number): Promise<DocumentStore[]> {
  const dir = mkdtempSync(join(tmpdir(), "nevewatch-jobs-"));
  const path = join(dir, "jobs.db");
  const stores = Array.from({ length: handles }, () => new SqliteStore(path));
  await stores[0]?.migrate(JOB_COLLECTIONS);
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });
  return stores;
}

export async function sqliteStore(): Promise<DocumentStore> {
  const [store] = await sqliteStores(1);
  if (!store) throw new Error("No store");
  return store;
}

/** A clock that only moves when told to. */
export function fakeClock(start = Date.parse("2030-01-01T00:00:00.000Z")) {
  let now = start;
  return {
    clock: () => now,
    advance(ms: number): void {
      now += ms;
    },
  };
}

export interface LogLine {
  level: "info" | "warn" | "error";
  obj: object;
  msg: string;
}

export function recordingLogger(): JobLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine["level"]) => (obj: object, msg: string) => {
    lines.push({ level, obj, msg });
  };
  return { lines, info: at("info"), warn: at("warn"), error: at("error") };
}

/** Polls `check` until it holds or `timeoutMs` passes. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("Condition not met in time");
    await Bun.sleep(5);
  }
}
