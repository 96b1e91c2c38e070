/**
 * Opening and closing ioredis connections for the cache. Options favour failing fast: a
 * cache that is down should fail the request quickly and be reported by `ping()`, while
 * the client keeps reconnecting in the background without ever crashing the process.
 */

import { Redis } from "ioredis";
import { SCRIPT_DEFINITIONS } from "./_redis-scripts.ts";
import { type CacheLogger, redactUrl } from "./_shared.ts";

export interface ConnectionOptions {
  readonly keyPrefix?: string;
  readonly logger?: CacheLogger;
  readonly connectTimeoutMs?: number;
  readonly commandTimeoutMs?: number;
}

/** One connection, with an 'error' listener that logs each distinct error once per outage. */
export function connectRedis(url: string, options: ConnectionOptions, name: string): Redis {
  const client = new Redis(url, {
    keyPrefix: options.keyPrefix ?? "",
    connectTimeout: options.connectTimeoutMs ?? 1000,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    // One reconnect attempt per command: a cache that is down should fail the request, not hang it.
    maxRetriesPerRequest: 1,
    scripts: SCRIPT_DEFINITIONS,
    connectionName: name,
  });
  let lastError = "";
  client.on("error", (error: Error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    options.logger?.warn({ err: error, url: redactUrl(url), connection: name }, "Redis connection error");
  });
  client.on("ready", () => {
    lastError = "";
  });
  return client;
}

/** How long `closeRedis` waits for the socket to close after QUIT before it stops caring. */
const CLOSE_WAIT_MS = 500;

/**
 * Quits politely when connected and waits (briefly) for the socket to close, since QUIT
 * resolves before it does; otherwise just drops the connection and its reconnect timer.
 */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === "end") return;
  if (client.status !== "ready") {
    client.disconnect();
    return;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ended = new Promise<void>((resolve) => {
    client.once("end", resolve);
    timer = setTimeout(resolve, CLOSE_WAIT_MS);
  });
  await client.quit().catch(() => undefined);
  client.disconnect();
  await ended;
  clearTimeout(timer);
}
