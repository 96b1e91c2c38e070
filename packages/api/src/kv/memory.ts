/**
 * In-process cache adapter: the embedded default for a single API process. Handles opened
 * on one `MemoryBackend` share its keys and its pub/sub bus, which is how tests stand in for
 * two API instances; pub/sub never leaves the process by design — run Redis to scale out.
 */

import { MemoryStore, now, type Subscription } from "./_memory-store.ts";
import { assertIncrement, assertLimit, assertTtl, type CacheLogger } from "./_shared.ts";
import type { Cache, MessageHandler } from "./port.ts";

/** Keys, slot sets and the topic bus that memory cache handles share. */
export type MemoryBackend = Pick<MemoryStore, "size" | "sweeping" | "sweep">;

export interface MemoryBackendOptions {
  /** How often expired keys nobody reads again are dropped; lazy expiry covers reads. */
  readonly sweepIntervalMs?: number;
}

export interface MemoryCacheOptions {
  /** Share keys and topics with other handles; by default each cache gets its own. */
  readonly backend?: MemoryBackend;
  /** Receives errors thrown by subscribers. */
  readonly logger?: CacheLogger;
}

const DEFAULT_SWEEP_INTERVAL_MS = 30_000;
const INTEGER = /^(0|-?[1-9]\d*)$/;

export function createMemoryBackend(options: MemoryBackendOptions = {}): MemoryBackend {
  const interval = options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
  assertTtl(interval);
  return new MemoryStore(interval);
}

export function createMemoryCache(options: MemoryCacheOptions = {}): Cache {
  const backend = options.backend ?? createMemoryBackend();
  if (!(backend instanceof MemoryStore))
    throw new TypeError("Memory backend must come from createMemoryBackend");
  return new MemoryCache(backend, options.logger);
}

function parseCounter(key: string, value: string): number {
  const n = Number(value);
  if (!INTEGER.test(value) || !Number.isSafeInteger(n)) {
    throw new Error(`Key "${key}" holds "${value}", which is not an integer counter`);
  }
  return n;
}

class MemoryCache implements Cache {
  readonly kind = "memory";
  readonly #store: MemoryStore;
  readonly #logger: CacheLogger | undefined;
  readonly #subscriptions = new Set<Subscription>();
  #closed = false;

  constructor(store: MemoryStore, logger: CacheLogger | undefined) {
    this.#store = store;
    this.#logger = logger;
    store.attach();
  }

  /** Fails like a quit Redis connection would, so callers see the same thing from both adapters. */
  #open(): MemoryStore {
    if (this.#closed) throw new Error("Cache is closed");
    return this.#store;
  }

  async get(key: string): Promise<string | null> {
    return this.#open().value(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs !== undefined) assertTtl(ttlMs);
    this.#open().put(key, value, ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    assertTtl(ttlMs);
    const store = this.#open();
    if (store.exists(key)) return false;
    store.put(key, value, ttlMs);
    return true;
  }

  async del(key: string): Promise<void> {
    this.#open().delete(key);
  }

  async incr(key: string, by: number, ttlMs: number): Promise<number> {
    assertIncrement(by);
    assertTtl(ttlMs);
    const entry = this.#open().value(key);
    if (entry === undefined) {
      this.#store.put(key, String(by), ttlMs);
      return by;
    }
    const next = parseCounter(key, entry.value) + by;
    if (!Number.isSafeInteger(next)) throw new RangeError(`Counter "${key}" would overflow`);
    entry.value = String(next);
    return next;
  }

  async ttl(key: string): Promise<number> {
    return this.#open().ttl(key);
  }

  async acquire(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.setIfAbsent(key, owner, ttlMs);
  }

  async renew(key: string, owner: string, ttlMs: number): Promise<boolean> {
    assertTtl(ttlMs);
    const entry = this.#open().value(key);
    if (entry?.value !== owner) return false;
    entry.expiresAt = now() + ttlMs;
    return true;
  }

  async release(key: string, owner: string): Promise<boolean> {
    const store = this.#open();
    if (store.value(key)?.value !== owner) return false;
    return store.delete(key);
  }

  async slotAcquire(key: string, member: string, limit: number, ttlMs: number): Promise<boolean> {
    assertLimit(limit);
    assertTtl(ttlMs);
    const store = this.#open();
    const entry = store.slots(key);
    const present = entry?.members.has(member) ?? false;
    if (!present && (entry?.members.size ?? 0) >= limit) return false;
    (entry ?? store.putSlots(key)).members.set(member, now() + ttlMs);
    return true;
  }

  async slotRenew(key: string, member: string, ttlMs: number): Promise<boolean> {
    assertTtl(ttlMs);
    const entry = this.#open().slots(key);
    if (entry?.members.has(member) !== true) return false;
    entry.members.set(member, now() + ttlMs);
    return true;
  }

  async slotRelease(key: string, member: string): Promise<void> {
    const store = this.#open();
    const entry = store.slots(key);
    entry?.members.delete(member);
    if (entry?.members.size === 0) store.delete(key);
  }

  async slotMembers(key: string): Promise<string[]> {
    const entry = this.#open().slots(key);
    if (entry === undefined) return [];
    return [...entry.members].sort(([a, x], [b, y]) => x - y || (a < b ? -1 : 1)).map(([member]) => member);
  }

  async publish(topic: string, message: string): Promise<void> {
    this.#open().publish(topic, message);
  }

  async subscribe(topic: string, handler: MessageHandler): Promise<() => Promise<void>> {
    const subscription: Subscription = { topic, handler, logger: this.#logger, active: true };
    this.#open().subscribe(subscription);
    this.#subscriptions.add(subscription);
    return async () => {
      this.#subscriptions.delete(subscription);
      this.#store.unsubscribe(subscription);
    };
  }

  async ping(): Promise<void> {
    this.#open();
  }

  /** Drops this handle's subscriptions and, with the last handle, the sweep timer. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const subscription of this.#subscriptions) this.#store.unsubscribe(subscription);
    this.#subscriptions.clear();
    this.#store.detach();
  }
}
