/**
 * The cache port: ephemeral state shared by API instances. TTL values, counters,
 * leases (locks), bounded slot sets (screen and upstream-connection limits) and pub/sub.
 * Adapters: `memory.ts` (embedded default, one process) and `redis.ts` (scale-out); both
 * pass the suite in `contract.ts`, which is the precise statement of these rules.
 *
 * Durations (`ttlMs`) are whole milliseconds above zero; anything else rejects with a
 * `RangeError` before reaching the backend. Plain values, counters and leases are strings
 * in one keyspace; slot sets are another type, and using a key as the wrong type rejects.
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
   * Adds `by` (a whole number, may be negative) to an integer counter and returns the new
   * value; the TTL is set only when the counter is created, so it measures a fixed window
   * (rate limits). Atomic across instances; rejects when the key holds a non-integer.
   */
  incr(key: string, by: number, ttlMs: number): Promise<number>;
  /**
   * Remaining time to live in ms; -1 when the key has no TTL, -2 when absent. A slot set
   * lives as long as its longest-lived member.
   */
  ttl(key: string): Promise<number>;

  /**
   * A lease (lock) held by `owner` until `ttlMs` passes; true when acquired. Not
   * re-entrant: while the lease is held, even its owner gets false and should `renew`.
   */
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
  /** Live members of the set, soonest to expire first; [] when the set is absent. */
  slotMembers(key: string): Promise<string[]>;

  /**
   * Sends to every current subscriber of the topic, on any handle of the same backend.
   * Handlers run asynchronously, never inside `publish`, in publish order per topic.
   * Memory pub/sub reaches only handles in the same process, by design.
   */
  publish(topic: string, message: string): Promise<void>;
  /**
   * Subscribes to a topic; resolves once messages published afterwards will arrive. Each
   * call is its own subscription. The returned function unsubscribes; from the moment it
   * is called the handler receives nothing more. A throwing handler never stops delivery
   * to the others; the adapter logs it when given a logger.
   */
  subscribe(topic: string, handler: MessageHandler): Promise<() => Promise<void>>;

  /** Resolves when the backend answers; rejects fast, naming the server, when it cannot. */
  ping(): Promise<void>;
  /** Drops this handle's subscriptions and connections; idempotent, later calls reject. */
  close(): Promise<void>;
}
