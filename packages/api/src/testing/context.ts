/**
 * Test helpers: a real AppContext on a fresh SQLite file (or memory) and the in-memory cache,
 * plus a silent or captured logger. Tests talk to real adapters, never mocks.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { createContext } from "../boot.ts";
import { type Config, loadConfig } from "../config/config.ts";
import type { AppContext } from "../context.ts";
import { createLogger } from "../log/logger.ts";

export interface TestContext extends AppContext {
  /** Every JSON log line written so far. */
  readonly logLines: Record<string, unknown>[];
  readonly dataDir: string;
  dispose(): Promise<void>;
}

export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const dataDir = mkdtempSync(join(tmpdir(), "nevewatch-test-"));
  const config: Config = loadConfig({
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${join(dataDir, "test.db")}`,
    CACHE_URL: "memory:",
    LOG_LEVEL: "debug",
    JOBS_ENABLED: "false",
    // Test origins listen on 127.0.0.1; the guard itself is tested with this off.
    OUTBOUND_ALLOW_PRIVATE: "true",
    ...env,
  });
  const logLines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line) logLines.push(JSON.parse(line));
      done();
    },
  });
  const log = createLogger({ level: config.LOG_LEVEL, destination });
  const ctx = await createContext(config, { log });
  return {
    ...ctx,
    logLines,
    dataDir,
    async dispose() {
      await ctx.jobs.stop();
      await ctx.realtime.close();
      await ctx.cache.close();
      await ctx.store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A JSON request for `app.handle`. */
export function jsonRequest(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return new Request(`http://localhost${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
