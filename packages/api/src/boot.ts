/**
 * Opens the adapters named by the config and assembles the AppContext; `serve` then
 * listens. Shared by the CLI, tests and the compiled binary.
 */
import { mkdirSync } from "node:fs";
import type { Server } from "bun";
import { type App, createApp } from "./app.ts";
import type { Authenticate } from "./auth/principal.ts";
import { createJobs } from "./background.ts";
import { COLLECTIONS } from "./collections.ts";
import type { Config } from "./config/config.ts";
import type { AppContext } from "./context.ts";
import { openStore } from "./db/mod.ts";
import { BUN_BODY_CAP } from "./http/body.ts";
import { registerJobs } from "./job-handlers.ts";
import { openCache } from "./kv/mod.ts";
import { createLogger, type Logger } from "./log/logger.ts";
import { createMetrics } from "./metrics/registry.ts";
import { createRealtime } from "./realtime/hub.ts";

export interface ContextOptions {
  log?: Logger;
}

export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const log = options.log ?? createLogger({ level: config.LOG_LEVEL });
  mkdirSync(config.DATA_DIR, { recursive: true });
  const store = await openStore(config.DATABASE_URL);
  const cache = await openCache(config.CACHE_URL, { logger: log });
  const metrics = createMetrics();
  const realtime = createRealtime(cache, log);
  const jobs = createJobs(store, log, config);
  return { config, log, store, cache, metrics, realtime, jobs };
}

export async function closeContext(ctx: AppContext): Promise<void> {
  await ctx.jobs.stop();
  await ctx.realtime.close();
  await ctx.cache.close();
  await ctx.store.close();
  ctx.log.flush();
}

export async function migrate(ctx: AppContext): Promise<void> {
  await ctx.store.migrate(COLLECTIONS);
}

export interface Running {
  readonly ctx: AppContext;
  readonly app: App;
  readonly server: Server<unknown>;
  readonly url: string;
  stop(): Promise<void>;
}

export async function serve(ctx: AppContext, authenticate: Authenticate): Promise<Running> {
  await migrate(ctx);
  await registerJobs(ctx);
  if (ctx.config.JOBS_ENABLED) ctx.jobs.start();
  const app = createApp(ctx, { authenticate }).listen({
    hostname: ctx.config.HOST,
    port: ctx.config.PORT,
    // The pipeline applies BODY_LIMIT_BYTES itself; Bun's own cap would reset the connection.
    maxRequestBodySize: BUN_BODY_CAP,
    // The embedded edge streams to viewers; a client that stopped reading is reaped after this.
    idleTimeout: 60,
  });
  const server = app.server;
  if (!server) throw new Error("The HTTP server did not start");
  const url = `http://${ctx.config.HOST}:${server.port}`;
  ctx.log.info({ url }, "api listening");
  return {
    ctx,
    app,
    server,
    url,
    async stop() {
      await app.stop();
      await closeContext(ctx);
    },
  };
}
