#!/usr/bin/env bun
import type { Principal } from "./auth/principal.ts";
/**
 * The one entry point of the control plane (and of the compiled `nevewatch-api` binary).
 */
import { closeContext, createContext, migrate, type Running, serve } from "./boot.ts";
import { parseCommand, USAGE } from "./cli/args.ts";
import { keysCommand } from "./cli/keys.ts";
import { ConfigError, loadConfig } from "./config/config.ts";
import type { AppContext } from "./context.ts";
import { DEMO_LOGINS, DEMO_STORE_SLUG, seedDemo } from "./demo/seed.ts";
import { isAppError } from "./errors/app-error.ts";
import { createAuthenticate } from "./modules/identity/mod.ts";
import { createPlatformAdmin } from "./modules/users/mod.ts";

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
    case "seed-demo":
      return startWithDemo(ctx, command.name === "start");
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
    console.log(banner(running.url, ctx.config.WEB_URL, seeded.channels, seeded.m3uUrl));
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

function banner(apiUrl: string, web: string | undefined, channels: number, m3uUrl: string | null): string {
  const logins = Object.entries(DEMO_LOGINS)
    .map(([role, l]) => `    ${role.padEnd(7)} ${l.email.padEnd(24)} ${l.password}`)
    .join("\n");
  return [
    "",
    "  NeveWatch is running (embedded: SQLite + in-process cache, demo data)",
    "",
    ...(web ? [`  Web app:   ${web}/?store=${DEMO_STORE_SLUG}`] : []),
    `  API:       ${apiUrl}   (docs: ${apiUrl}/openapi)`,
    `  Demo store "${DEMO_STORE_SLUG}" with ${channels} live channels.`,
    ...(m3uUrl ? [`  The demo viewer's playlist for VLC, ffplay or any IPTV app:`, `    ${m3uUrl}`] : []),
    "",
    "  Logins:",
    logins,
    "",
  ].join("\n");
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
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
