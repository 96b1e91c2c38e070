#!/usr/bin/env bun
/**
 * The one entry point of the control plane (and of the compiled `nevewatch-api` binary).
 */
import { closeContext, createContext, migrate, type Running, serve } from "./boot.ts";
import { parseCommand, USAGE } from "./cli/args.ts";
import { ConfigError, loadConfig } from "./config/config.ts";
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
    case "serve":
    case "start": {
      const running = await serve(ctx, createAuthenticate(ctx));
      stopOnSignals(running);
      return -1;
    }
    case "admin-create":
      return adminCreate(ctx, command.options);
    default:
      console.error(`"${command.name}" is not available yet`);
      await closeContext(ctx);
      return 2;
  }
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
