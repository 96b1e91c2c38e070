/**
 * The cache port: ephemeral state shared by API instances. TTL values, counters,
 * leases (locks), bounded slot sets (screen and upstream-connection limits) and pub/sub.
 * Adapters: `memory.ts` (embedded default, one process) and `redis.ts` (scale-out).
 */

export type MessageHandler = (message: string, topic: string) => void;

export interface Cache {
  readonly kind: "memory" | "redis";
  get(key: string): Promise<string | null>;
  /** Stores a value; with `ttlMs` it disappears after that long. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Stores only when the key is absent; true when stored. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  del(key: string): Promise<void>;
  /**
   * Adds `by` to an integer counter and returns the new value; the TTL is set when the
   * counter is created (fixed-window rate limits).
   */
  incr(key: string, by: number, ttlMs: number): Promise<number>;
  /** Remaining time to live in ms; -1 when the key has no TTL, -2 when absent. */
  ttl(key: string): Promise<number>;

  /** A lease (lock) held by `owner` until `ttlMs` passes; true when acquired. */
  acquire(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends a lease only when `owner` still holds it. */
  renew(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Releases a lease only when `owner` holds it. */
  release(key: string, owner: string): Promise<boolean>;

  /**
   * Bounded slot sets: at most `limit` live members, each expiring after its own TTL.
   * Adds (or refreshes) `member` when it is already present or fewer than `limit` live
   * members exist; true when the member now holds a slot. Atomic across instances.
   */
  slotAcquire(key: string, member: string, limit: number, ttlMs: number): Promise<boolean>;
  /** Refreshes a member's expiry; false when the member no longer holds a slot. */
  slotRenew(key: string, member: string, ttlMs: number): Promise<boolean>;
  slotRelease(key: string, member: string): Promise<void>;
  /** Live members of the set. */
  slotMembers(key: string): Promise<string[]>;

  publish(topic: string, message: string): Promise<void>;
  /** Subscribes to a topic; the returned function unsubscribes. */
  subscribe(topic: string, handler: MessageHandler): Promise<() => Promise<void>>;

  ping(): Promise<void>;
  close(): Promise<void>;
}
