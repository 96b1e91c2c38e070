/**
 * Pub/sub for the Redis adapter. A connection that has subscribed is reserved for pushes, so
 * subscriptions get their own connection, opened on first use. Local handlers of a topic
 * share one Redis SUBSCRIBE: Redis sees one channel per topic per process, however many
 * viewers listen to it.
 */

import type { Redis } from "ioredis";
import { closeRedis } from "./_redis-connection.ts";
import { type CacheLogger, deliver } from "./_shared.ts";
import type { MessageHandler } from "./port.ts";

interface Subscription {
  readonly handler: MessageHandler;
  active: boolean;
}

/** Handlers of one channel; `ready` settles when Redis confirmed the SUBSCRIBE. */
interface Channel {
  readonly subscriptions: Set<Subscription>;
  readonly ready: Promise<unknown>;
}

export interface RedisPubSubOptions {
  readonly publisher: Redis;
  readonly connect: () => Redis;
  /** ioredis prefixes keys, not channels; topics get the same prefix here. */
  readonly topicPrefix: string;
  readonly logger: CacheLogger | undefined;
}

export class RedisPubSub {
  readonly #options: RedisPubSubOptions;
  readonly #channels = new Map<string, Channel>();
  #subscriber: Redis | undefined;
  #closed = false;

  constructor(options: RedisPubSubOptions) {
    this.#options = options;
  }

  async publish(topic: string, message: string): Promise<void> {
    await this.#options.publisher.publish(this.#options.topicPrefix + topic, message);
  }

  #connection(): Redis {
    if (this.#subscriber !== undefined) return this.#subscriber;
    const subscriber = this.#options.connect();
    subscriber.on("message", (channel: string, message: string) => this.#dispatch(channel, message));
    this.#subscriber = subscriber;
    return subscriber;
  }

  #dispatch(channel: string, message: string): void {
    const subscriptions = this.#channels.get(channel)?.subscriptions;
    if (subscriptions === undefined) return;
    const topic = channel.slice(this.#options.topicPrefix.length);
    for (const subscription of [...subscriptions]) {
      if (subscription.active) deliver(subscription.handler, message, topic, this.#options.logger);
    }
  }

  /** Resolves once Redis confirmed the subscription, so a publish right after is received. */
  async subscribe(topic: string, handler: MessageHandler): Promise<() => Promise<void>> {
    if (this.#closed) throw new Error("Cache is closed");
    const name = this.#options.topicPrefix + topic;
    let channel = this.#channels.get(name);
    if (channel === undefined) {
      channel = { subscriptions: new Set(), ready: this.#connection().subscribe(name) };
      this.#channels.set(name, channel);
    }
    const subscription: Subscription = { handler, active: true };
    channel.subscriptions.add(subscription);
    try {
      await channel.ready;
    } catch (error: unknown) {
      this.#drop(name, subscription);
      throw error;
    }
    return () => this.#unsubscribe(name, subscription);
  }

  /** Removes the handler at once; the last handler of a channel also ends the Redis SUBSCRIBE. */
  async #unsubscribe(name: string, subscription: Subscription): Promise<void> {
    if (!this.#drop(name, subscription) || this.#closed) return;
    try {
      await this.#subscriber?.unsubscribe(name);
    } catch (error: unknown) {
      this.#options.logger?.warn({ err: error, channel: name }, "Redis UNSUBSCRIBE failed");
    }
  }

  /** True when this was the channel's last handler and the channel was forgotten. */
  #drop(name: string, subscription: Subscription): boolean {
    if (!subscription.active) return false;
    subscription.active = false;
    const channel = this.#channels.get(name);
    if (channel === undefined || !channel.subscriptions.delete(subscription)) return false;
    if (channel.subscriptions.size > 0) return false;
    this.#channels.delete(name);
    return true;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const channel of this.#channels.values()) {
      for (const subscription of channel.subscriptions) subscription.active = false;
    }
    this.#channels.clear();
    if (this.#subscriber === undefined) return;
    await closeRedis(this.#subscriber);
  }
}
