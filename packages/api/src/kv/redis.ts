/**
 * Redis cache adapter: shared state for API instances that scale out. Counters, leases and
 * slot sets run as Lua scripts (`_redis-scripts.ts`) so races between instances stay exact.
 * Connection trouble never crashes the process: errors are logged, commands fail fast, and
 * `ping()` is the readiness check.
 */

import type { Redis } from "ioredis";
import { type ConnectionOptions, closeRedis, connectRedis } from "./_redis-connection.ts";
import { RedisPubSub } from "./_redis-pubsub.ts";
import type { ScriptName } from "./_redis-scripts.ts";
import { assertIncrement, assertLimit, assertTtl, redactUrl } from "./_shared.ts";
import type { Cache, MessageHandler } from "./port.ts";

export interface RedisCacheOptions extends ConnectionOptions {
  /** Prepended to every key and topic, so tenants and test runs never see each other's data. */
  readonly keyPrefix?: string;
  /** Gives up on a TCP connect after this long (default 1000). */
  readonly connectTimeoutMs?: number;
  /** Fails a command that gets no reply in this long (default 2000). */
  readonly commandTimeoutMs?: number;
  /** `ping()` rejects after this long at the latest (default 1500). */
  readonly pingTimeoutMs?: number;
}

type ScriptArg = string | number;
/** ioredis adds `scripts` as methods it cannot type; this is the one shape they all share. */
type ScriptCommands = Record<ScriptName, (key: string, ...args: ScriptArg[]) => Promise<unknown>>;

export function createRedisCache(url: string, options: RedisCacheOptions = {}): Cache {
  return new RedisCache(url, options);
}

class RedisCache implements Cache {
  readonly kind = "redis";
  readonly #client: Redis;
  readonly #pubsub: RedisPubSub;
  readonly #where: string;
  readonly #pingTimeoutMs: number;
  #closed = false;

  constructor(url: string, options: RedisCacheOptions) {
    this.#where = redactUrl(url);
    this.#pingTimeoutMs = options.pingTimeoutMs ?? 1500;
    this.#client = connectRedis(url, options, "nevewatch-cache");
    this.#pubsub = new RedisPubSub({
      publisher: this.#client,
      connect: () => connectRedis(url, options, "nevewatch-cache-sub"),
      topicPrefix: options.keyPrefix ?? "",
      logger: options.logger,
    });
  }

  /** The connection, unless closed: ioredis would queue a command on a dropped client forever. */
  get #redis(): Redis {
    if (this.#closed) throw new Error("Cache is closed");
    return this.#client;
  }

  #run(name: ScriptName, key: string, ...args: ScriptArg[]): Promise<unknown> {
    return (this.#redis as unknown as ScriptCommands)[name](key, ...args);
  }

  async get(key: string): Promise<string | null> {
    return this.#redis.get(key);
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) {
      await this.#redis.set(key, value);
      return;
    }
    assertTtl(ttlMs);
    await this.#redis.set(key, value, "PX", ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    assertTtl(ttlMs);
    return (await this.#redis.set(key, value, "PX", ttlMs, "NX")) === "OK";
  }

  async del(key: string): Promise<void> {
    await this.#redis.del(key);
  }

  async incr(key: string, by: number, ttlMs: number): Promise<number> {
    assertIncrement(by);
    assertTtl(ttlMs);
    return Number(await this.#run("kvIncr", key, by, ttlMs));
  }

  async ttl(key: string): Promise<number> {
    return this.#redis.pttl(key);
  }

  async acquire(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.setIfAbsent(key, owner, ttlMs);
  }

  async renew(key: string, owner: string, ttlMs: number): Promise<boolean> {
    assertTtl(ttlMs);
    return Number(await this.#run("kvRenew", key, owner, ttlMs)) === 1;
  }

  async release(key: string, owner: string): Promise<boolean> {
    return Number(await this.#run("kvRelease", key, owner)) === 1;
  }

  async slotAcquire(key: string, member: string, limit: number, ttlMs: number): Promise<boolean> {
    assertLimit(limit);
    assertTtl(ttlMs);
    return Number(await this.#run("kvSlotAcquire", key, member, limit, ttlMs)) === 1;
  }

  async slotRenew(key: string, member: string, ttlMs: number): Promise<boolean> {
    assertTtl(ttlMs);
    return Number(await this.#run("kvSlotRenew", key, member, ttlMs)) === 1;
  }

  async slotRelease(key: string, member: string): Promise<void> {
    await this.#run("kvSlotRelease", key, member);
  }

  async slotMembers(key: string): Promise<string[]> {
    const members = await this.#run("kvSlotMembers", key);
    return Array.isArray(members) ? members.map(String) : [];
  }

  async publish(topic: string, message: string): Promise<void> {
    if (this.#closed) throw new Error("Cache is closed");
    await this.#pubsub.publish(topic, message);
  }

  async subscribe(topic: string, handler: MessageHandler): Promise<() => Promise<void>> {
    if (this.#closed) throw new Error("Cache is closed");
    return this.#pubsub.subscribe(topic, handler);
  }

  async ping(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no reply in ${this.#pingTimeoutMs} ms`)),
        this.#pingTimeoutMs,
      );
    });
    try {
      await Promise.race([this.#redis.ping(), timeout]);
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Redis at "${this.#where}" did not answer PING: ${reason}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([this.#pubsub.close(), closeRedis(this.#client)]);
  }
}
