/**
 * The revocations long poll's memory, one per API process: every revocation published on the
 * cache's pub/sub (from any instance) is kept for a couple of minutes with a strictly increasing
 * time, and a node's poll is answered as soon as one newer than its cursor arrives.
 */
import type { AppContext } from "../../context.ts";
import { parseRevocations, REVOCATIONS_TOPIC, type Revocation } from "../screens/mod.ts";

const KEEP_MS = 120_000;
const MAX_ENTRIES = 50_000;

export interface RevocationFeed {
  /** Revocations newer than `after`, waiting up to `waitMs` for the first; `now` is the next cursor. */
  wait(after: number, waitMs: number): Promise<{ now: number; revocations: Revocation[] }>;
  close(): Promise<void>;
}

export function createRevocationFeed(ctx: Pick<AppContext, "cache" | "log">): RevocationFeed {
  const entries: Array<{ at: number; revocation: Revocation }> = [];
  const waiters = new Set<() => void>();
  let lastAt = 0;
  let subscription: Promise<() => Promise<void>> | undefined;

  const onMessage = (message: string) => {
    for (const revocation of parseRevocations(message)) {
      lastAt = Math.max(Date.now(), lastAt + 1);
      entries.push({ at: lastAt, revocation });
    }
    const cutoff = Date.now() - KEEP_MS;
    while (entries.length > MAX_ENTRIES || (entries[0] !== undefined && entries[0].at < cutoff))
      entries.shift();
    for (const wake of waiters) wake();
  };

  const newer = (after: number) => {
    // Every entry at or before `now` is already here: later ones get a larger time.
    const now = Math.max(lastAt, Date.now() - 1);
    const revocations = entries.filter((e) => e.at > after && e.at <= now).map((e) => e.revocation);
    return { now, revocations };
  };

  return {
    async wait(after, waitMs) {
      subscription ??= ctx.cache.subscribe(REVOCATIONS_TOPIC, onMessage);
      await subscription;
      const first = newer(after);
      if (first.revocations.length > 0 || waitMs <= 0) return first;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, waitMs);
        waiters.add(wake);
      });
      return newer(after);
    },
    async close() {
      for (const wake of waiters) wake();
      if (subscription) await (await subscription)();
    },
  };
}
