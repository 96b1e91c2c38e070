/**
 * Checks and helpers both cache adapters share, so that memory and Redis reject the same
 * bad arguments with the same errors instead of each failing in its own way (Redis would
 * answer `PX 0` or `INCRBY 1.5` with a server error, the memory adapter would silently
 * store nonsense).
 */

import type { MessageHandler } from "./port.ts";

/** The slice of a pino logger the adapters use; optional so tests can run silent. */
export interface CacheLogger {
  warn(obj: object, msg: string): void;
}

/** Durations are whole milliseconds because Redis `PX`/`PEXPIRE` accept nothing else. */
export function assertTtl(ttlMs: number): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`TTL must be a positive whole number of milliseconds, got "${ttlMs}"`);
  }
}

export function assertIncrement(by: number): void {
  if (!Number.isSafeInteger(by)) {
    throw new RangeError(`Increment must be a whole number, got "${by}"`);
  }
}

export function assertLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new RangeError(`Slot limit must be a whole number of zero or more, got "${limit}"`);
  }
}

/**
 * Runs one subscriber's handler so that a throwing handler neither stops delivery to the
 * others on the topic nor escapes into the connection's event loop.
 */
export function deliver(
  handler: MessageHandler,
  message: string,
  topic: string,
  logger: CacheLogger | undefined,
): void {
  try {
    handler(message, topic);
  } catch (error: unknown) {
    logger?.warn({ err: error, topic }, "Cache subscriber threw while handling a message");
  }
}

/** A connection URL fit for logs and error messages: the password is masked. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}
