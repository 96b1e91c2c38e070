/**
 * Realtime topics over WebSocket. Messages travel through the cache port's pub/sub, so a
 * publish on one API instance reaches subscribers connected to any other instance.
 * Modules register topic prefixes with a rule deciding who may subscribe.
 */
import type { Principal } from "../auth/principal.ts";
import type { Cache } from "../kv/port.ts";
import type { Logger } from "../log/logger.ts";

export type TopicRule = (principal: Principal, topic: string) => boolean | Promise<boolean>;

/** Something that can receive a message: one WebSocket connection. */
export interface Sink {
  send(text: string): void;
}

export interface Realtime {
  /** Declares a topic family (`jobs/`, `stores/{id}/nodes`…) and who may subscribe to it. */
  registerTopic(prefix: string, rule: TopicRule): void;
  publish(topic: string, data: unknown): Promise<void>;
  /** Subscribes a sink when the principal may; returns false when refused or unknown. */
  subscribe(sink: Sink, principal: Principal, topic: string): Promise<boolean>;
  unsubscribe(sink: Sink, topic: string): Promise<void>;
  /** Drops every subscription of a closed connection. */
  detach(sink: Sink): Promise<void>;
  close(): Promise<void>;
}

const CHANNEL_PREFIX = "rt:";
const TOPIC = /^[a-z0-9][a-z0-9_./:-]{0,199}$/i;

export function createRealtime(cache: Cache, log: Logger): Realtime {
  const rules = new Map<string, TopicRule>();
  const local = new Map<string, { sinks: Set<Sink>; unsubscribe: Promise<() => Promise<void>> }>();
  const bySink = new Map<Sink, Set<string>>();

  function ruleFor(topic: string): TopicRule | undefined {
    let best: string | undefined;
    for (const prefix of rules.keys()) {
      if (topic.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = prefix;
    }
    return best === undefined ? undefined : rules.get(best);
  }

  function deliver(topic: string, message: string): void {
    const entry = local.get(topic);
    if (!entry) return;
    for (const sink of entry.sinks) {
      try {
        sink.send(message);
      } catch (error) {
        log.warn({ err: error, topic }, "realtime send failed");
      }
    }
  }

  async function drop(sink: Sink, topic: string): Promise<void> {
    bySink.get(sink)?.delete(topic);
    const entry = local.get(topic);
    if (!entry?.sinks.delete(sink) || entry.sinks.size > 0) return;
    local.delete(topic);
    await (await entry.unsubscribe)();
  }

  return {
    registerTopic(prefix, rule) {
      rules.set(prefix, rule);
    },
    async publish(topic, data) {
      await cache.publish(CHANNEL_PREFIX + topic, JSON.stringify({ type: "message", topic, data }));
    },
    async subscribe(sink, principal, topic) {
      if (!TOPIC.test(topic)) return false;
      const rule = ruleFor(topic);
      if (!rule || !(await rule(principal, topic))) return false;
      let entry = local.get(topic);
      if (!entry) {
        entry = {
          sinks: new Set(),
          unsubscribe: cache.subscribe(CHANNEL_PREFIX + topic, (message) => deliver(topic, message)),
        };
        local.set(topic, entry);
      }
      await entry.unsubscribe;
      entry.sinks.add(sink);
      const topics = bySink.get(sink) ?? new Set<string>();
      bySink.set(sink, topics);
      topics.add(topic);
      return true;
    },
    unsubscribe: drop,
    async detach(sink) {
      const topics = [...(bySink.get(sink) ?? [])];
      bySink.delete(sink);
      await Promise.all(topics.map((topic) => drop(sink, topic)));
    },
    async close() {
      const entries = [...local.values()];
      local.clear();
      bySink.clear();
      await Promise.all(entries.map(async (e) => (await e.unsubscribe)()));
    },
  };
}
