#!/usr/bin/env bun
import type { Principal } from "./auth/principal.ts";
/**
 * The one entry point of the control plane (and of the compiled `nevewatch-api` binary).
 */
import { closeContext, createContext, migrate, type Running, serve } from "./boot.ts";
import { parseCommand, USAGE } from "./cli/args.ts";
import { banner } from "./cli/banner.ts";
import { configCheck } from "./cli/config-check.ts";
import { generateKeys } from "./cli/generate-keys.ts";
import { keysCommand } from "./cli/keys.ts";
import { ConfigError, loadConfig } from "./config/config.ts";
import type { AppContext } from "./context.ts";
import { seedDemo } from "./demo/seed.ts";
import { isAppError } from "./errors/app-error.ts";
import { createAuthenticate } from "./modules/identity/mod.ts";
import { createPlatformAdmin, hasPlatformAdmin } from "./modules/users/mod.ts";

async function main(argv: string[]): Promise<number> {
  let command: ReturnType<typeof parseCommand>;
  try {
    command = parseCommand(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (command.name === "help") {
    console.log(USAGE);
    return 0;
  }
  // Neither opens anything: they must work on a configuration the API would refuse.
  if (command.name === "config-check") {
    const check = configCheck(process.env);
    console.log(check.text);
    return check.ok ? 0 : 1;
  }
  if (command.name === "keys-generate") {
    console.log(await generateKeys());
    return 0;
  }
  const config = loadConfig(process.env);
  const ctx = await createContext(config);
  switch (command.name) {
    case "migrate":
      await migrate(ctx);
      ctx.log.info("migrations applied");
      await closeContext(ctx);
      return 0;
    case "serve": {
      const running = await serve(ctx, createAuthenticate(ctx));
      stopOnSignals(running);
      return -1;
    }
    case "start":
      // Production gets demo data and its default accounts only when asked for them.
      if (config.isProduction && command.options.demo !== true) return startPlain(ctx);
      return startWithDemo(ctx, true);
    case "seed-demo":
      return startWithDemo(ctx, false);
    case "admin-create":
      return adminCreate(ctx, command.options);
    case "keys-status":
      return keysCommand(ctx, "status");
    case "keys-reseal":
      return keysCommand(ctx, "reseal");
    default:
      console.error(`"${command.name}" is not available yet`);
      await closeContext(ctx);
      return 2;
  }
}

/** `start` in production without `--demo`: serve, and print where to go (no accounts made). */
async function startPlain(ctx: AppContext): Promise<number> {
  const running = await serve(ctx, createAuthenticate(ctx));
  console.log(banner({ config: ctx.config, apiUrl: running.url, hasAdmin: await hasPlatformAdmin(ctx) }));
  stopOnSignals(running);
  return -1;
}

/**
 * `start`: serve, seed the demo store (idempotent), print where to go and how to log in.
 * `seed-demo`: the same seeding, then stop. The seeder acts through the app's own routes with
 * one-off in-process tokens that are forgotten as soon as it is done.
 */
async function startWithDemo(ctx: AppContext, keepRunning: boolean): Promise<number> {
  if (!ctx.config.JOBS_ENABLED) {
    console.error("The demo seed imports its channels with background jobs: run it with JOBS_ENABLED=true");
    await closeContext(ctx);
    return 2;
  }
  const seedTokens = new Map<string, Principal>();
  const authenticate = createAuthenticate(ctx);
  const running = await serve(ctx, async (token) => seedTokens.get(token) ?? authenticate(token));
  try {
    const seeded = await seedDemo({
      ctx,
      app: running.app,
      registerToken: (token, principal) => seedTokens.set(token, principal),
    });
    seedTokens.clear();
    const demo = { channels: seeded.channels, m3uUrl: seeded.m3uUrl };
    console.log(banner({ config: ctx.config, apiUrl: running.url, demo, hasAdmin: true }));
  } catch (error) {
    await running.stop();
    throw error;
  }
  if (!keepRunning) {
    await running.stop();
    return 0;
  }
  stopOnSignals(running);
  return -1;
}

async function adminCreate(
  ctx: Awaited<ReturnType<typeof createContext>>,
  options: Record<string, string | boolean | undefined>,
): Promise<number> {
  const { email, password } = options;
  if (typeof email !== "string" || typeof password !== "string") {
    console.error(`admin create needs --email and --password\n\n${USAGE}`);
    await closeContext(ctx);
    return 2;
  }
  try {
    await migrate(ctx);
    const id = await createPlatformAdmin(ctx, email, password);
    console.log(`Created platform admin ${email.trim().toLowerCase()} (${id})`);
    return 0;
  } catch (error) {
    if (!isAppError(error)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await closeContext(ctx);
  }
}

function stopOnSignals(running: Running): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.ctx.log.info({ signal }, "shutting down");
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main(Bun.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError)
      console.error(`${error.message}\n\nEvery variable's verdict: nevewatch-api config check`);
    else console.error(error);
    process.exit(1);
  },
);
