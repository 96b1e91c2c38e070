/**
 * The state behind memory cache handles: keys (plain values, counters, leases and slot sets
 * in one keyspace, as in Redis, so a key used the wrong way fails the same way) and the
 * topic bus. Times are monotonic (`performance.now()`) so a wall-clock jump never expires
 * or revives a key.
 */

import type { CacheLogger } from "./_shared.ts";
import { deliver } from "./_shared.ts";
import type { MessageHandler } from "./port.ts";

type ValueEntry = { kind: "value"; value: string; expiresAt: number | null };
type SlotsEntry = { kind: "slots"; members: Map<string, number> };
type Entry = ValueEntry | SlotsEntry;

/** One `subscribe()` call; `active` goes false on unsubscribe so queued deliveries are dropped. */
export interface Subscription {
  readonly topic: string;
  readonly handler: MessageHandler;
  readonly logger: CacheLogger | undefined;
  active: boolean;
}

/** Monotonic milliseconds. */
export const now = (): number => performance.now();

const KIND_NAMES = { value: "value", slots: "slot set" } as const;

function wrongType(key: string, holds: Entry["kind"], wanted: Entry["kind"]): Error {
  return new Error(`Key "${key}" holds a ${KIND_NAMES[holds]}, not a ${KIND_NAMES[wanted]}`);
}

export class MemoryStore {
  readonly #keys = new Map<string, Entry>();
  readonly #topics = new Map<string, Set<Subscription>>();
  readonly #sweepIntervalMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #handles = 0;

  constructor(sweepIntervalMs: number) {
    this.#sweepIntervalMs = sweepIntervalMs;
  }

  /** Live keys, after dropping the expired ones; for metrics and tests. */
  get size(): number {
    this.sweep();
    return this.#keys.size;
  }

  /** True while a handle is open and the sweep timer runs. */
  get sweeping(): boolean {
    return this.#timer !== undefined;
  }

  /** The sweep runs while any handle is open; it is unref'd so it never keeps a process alive. */
  attach(): void {
    this.#handles += 1;
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => this.sweep(), this.#sweepIntervalMs);
    this.#timer.unref();
  }

  detach(): void {
    this.#handles = Math.max(0, this.#handles - 1);
    if (this.#handles > 0 || this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Drops expired keys and slot members that nobody has read since they lapsed. */
  sweep(): void {
    for (const key of [...this.#keys.keys()]) this.#live(key);
  }

  /** Returns the entry when it is still live, deleting it (lazy expiry) when it is not. */
  #live(key: string): Entry | undefined {
    const entry = this.#keys.get(key);
    if (entry === undefined) return undefined;
    const t = now();
    if (entry.kind === "value") {
      if (entry.expiresAt === null || entry.expiresAt > t) return entry;
    } else {
      for (const [member, expiresAt] of entry.members) if (expiresAt <= t) entry.members.delete(member);
      if (entry.members.size > 0) return entry;
    }
    this.#keys.delete(key);
    return undefined;
  }

  value(key: string): ValueEntry | undefined {
    const entry = this.#live(key);
    if (entry !== undefined && entry.kind !== "value") throw wrongType(key, entry.kind, "value");
    return entry;
  }

  slots(key: string): SlotsEntry | undefined {
    const entry = this.#live(key);
    if (entry !== undefined && entry.kind !== "slots") throw wrongType(key, entry.kind, "slots");
    return entry;
  }

  exists(key: string): boolean {
    return this.#live(key) !== undefined;
  }

  put(key: string, value: string, ttlMs: number | undefined): void {
    this.#keys.set(key, { kind: "value", value, expiresAt: ttlMs === undefined ? null : now() + ttlMs });
  }

  putSlots(key: string): SlotsEntry {
    const entry: SlotsEntry = { kind: "slots", members: new Map() };
    this.#keys.set(key, entry);
    return entry;
  }

  delete(key: string): boolean {
    return this.#live(key) !== undefined && this.#keys.delete(key);
  }

  /** Milliseconds left, -1 without a TTL, -2 when absent (Redis `PTTL` codes). */
  ttl(key: string): number {
    const entry = this.#live(key);
    if (entry === undefined) return -2;
    const expiresAt = entry.kind === "value" ? entry.expiresAt : Math.max(...entry.members.values());
    return expiresAt === null ? -1 : Math.max(1, Math.ceil(expiresAt - now()));
  }

  subscribe(subscription: Subscription): void {
    const set = this.#topics.get(subscription.topic) ?? new Set();
    set.add(subscription);
    this.#topics.set(subscription.topic, set);
  }

  unsubscribe(subscription: Subscription): void {
    subscription.active = false;
    const set = this.#topics.get(subscription.topic);
    set?.delete(subscription);
    if (set?.size === 0) this.#topics.delete(subscription.topic);
  }

  /**
   * Delivers on the microtask queue, like a message that arrives later over a socket: a
   * publisher never runs subscriber code inside its own call, and FIFO microtasks keep the
   * per-topic order Redis gives.
   */
  publish(topic: string, message: string): void {
    for (const sub of this.#topics.get(topic) ?? []) {
      queueMicrotask(() => {
        if (sub.active) deliver(sub.handler, message, topic, sub.logger);
      });
    }
  }
}
