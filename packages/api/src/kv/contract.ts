/**
 * The behaviour every cache adapter must show, as one `bun:test` suite each adapter's test
 * file runs. Domain code relies on these rules and nothing else, which is what lets the
 * embedded memory cache and Redis stand in for each other.
 *
 * `open()` must return a new handle on one shared backend on every call, the way two API
 * instances pointing at one Redis would: several tests check that two handles see the same
 * keys, slots and messages. Keys are random per test, so handles may share a backend
 * across the whole file.
 */

import { afterEach, beforeAll, beforeEach, describe } from "bun:test";
import { describeLockContract } from "./_contract-locks.ts";
import { describePubSubContract } from "./_contract-pubsub.ts";
import { describeValueContract } from "./_contract-values.ts";
import type { Cache } from "./port.ts";

/** What the parts of the suite get: the current test's handle, more handles, fresh keys. */
export interface ContractContext {
  /** A handle opened for the current test and closed after it. */
  readonly cache: Cache;
  /** Another handle on the same backend (a second API instance), closed after the test. */
  open(): Promise<Cache>;
  /** A key no other test uses. */
  key(label: string): string;
}

export function describeCacheContract(name: string, open: () => Promise<Cache>): void {
  describe(`${name} cache contract`, () => {
    const opened: Cache[] = [];
    let current: Cache | undefined;
    const context: ContractContext = {
      get cache(): Cache {
        if (current === undefined) throw new Error("The contract cache is only open inside a test");
        return current;
      },
      async open() {
        const cache = await open();
        opened.push(cache);
        return cache;
      },
      key: (label) => `contract:${label}:${crypto.randomUUID()}`,
    };

    // Fails the whole suite with the adapter's own message when its backend is unreachable.
    beforeAll(async () => {
      const probe = await open();
      try {
        await probe.ping();
      } finally {
        await probe.close();
      }
    });
    beforeEach(async () => {
      current = await context.open();
    });
    afterEach(async () => {
      current = undefined;
      await Promise.all(opened.splice(0).map((cache) => cache.close()));
    });

    describeValueContract(context);
    describeLockContract(context);
    describePubSubContract(context);
  });
}

/** Polls until `check` passes, for effects that arrive asynchronously (pub/sub). */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 1000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await Bun.sleep(5);
  }
}
