/** Contract: pub/sub between handles, in order, with clean unsubscribe. */

import { describe, expect, test } from "bun:test";
import { type ContractContext, waitFor } from "./contract.ts";
import type { MessageHandler } from "./port.ts";

/** A handler that records what it receives. */
function recorder(): { seen: string[]; handler: MessageHandler } {
  const seen: string[] = [];
  return { seen, handler: (message, topic) => seen.push(`${topic}=${message}`) };
}

export function describePubSubContract(t: ContractContext): void {
  describe("pub/sub", () => {
    test("delivers to every subscriber of the topic and to none of another topic", async () => {
      const [topic, otherTopic] = [t.key("topic"), t.key("other")];
      const [first, second, other] = [recorder(), recorder(), recorder()];
      await t.cache.subscribe(topic, first.handler);
      await t.cache.subscribe(topic, second.handler);
      await t.cache.subscribe(otherTopic, other.handler);
      await t.cache.publish(topic, "hello");
      // Per-connection order: once the marker arrives, a stray "hello" would have arrived too.
      await t.cache.publish(otherTopic, "marker");
      await waitFor(
        () => other.seen.length > 0 && first.seen.length > 0 && second.seen.length > 0,
        "delivery",
      );
      expect(first.seen).toEqual([`${topic}=hello`]);
      expect(second.seen).toEqual([`${topic}=hello`]);
      expect(other.seen).toEqual([`${otherTopic}=marker`]);
    });

    test("delivers messages of one topic in the order they were published", async () => {
      const topic = t.key("order");
      const sink = recorder();
      await t.cache.subscribe(topic, sink.handler);
      const sent = Array.from({ length: 20 }, (_, i) => `m${i}`);
      await Promise.all(sent.map((message) => t.cache.publish(topic, message)));
      await waitFor(() => sink.seen.length === sent.length, "20 messages");
      expect(sink.seen).toEqual(sent.map((message) => `${topic}=${message}`));
    });

    test("stops delivering to a handler once it unsubscribed, and only to that one", async () => {
      const topic = t.key("unsub");
      const [gone, stays] = [recorder(), recorder()];
      const unsubscribe = await t.cache.subscribe(topic, gone.handler);
      await t.cache.subscribe(topic, stays.handler);
      await unsubscribe();
      await unsubscribe();
      await t.cache.publish(topic, "after");
      await waitFor(() => stays.seen.length > 0, "the remaining subscriber");
      expect(gone.seen).toEqual([]);
    });

    test("treats each subscribe call as its own subscription, even for the same handler", async () => {
      const topic = t.key("twice");
      const sink = recorder();
      const unsubscribe = await t.cache.subscribe(topic, sink.handler);
      await t.cache.subscribe(topic, sink.handler);
      await t.cache.publish(topic, "one");
      await waitFor(() => sink.seen.length === 2, "two deliveries");
      await unsubscribe();
      await t.cache.publish(topic, "two");
      await waitFor(() => sink.seen.length === 3, "one more delivery");
      expect(sink.seen).toEqual([`${topic}=one`, `${topic}=one`, `${topic}=two`]);
    });

    test("carries a message published on one handle to a subscriber on another", async () => {
      const topic = t.key("cross");
      const instanceB = await t.open();
      const sink = recorder();
      await instanceB.subscribe(topic, sink.handler);
      await t.cache.publish(topic, "from-a");
      await waitFor(() => sink.seen.length > 0, "cross-handle delivery");
      expect(sink.seen).toEqual([`${topic}=from-a`]);
    });

    test("keeps delivering to other subscribers when one handler throws", async () => {
      const topic = t.key("throws");
      const sink = recorder();
      await t.cache.subscribe(topic, () => {
        throw new Error("handler failure on purpose");
      });
      await t.cache.subscribe(topic, sink.handler);
      await t.cache.publish(topic, "still");
      await t.cache.publish(topic, "flowing");
      await waitFor(() => sink.seen.length === 2, "both messages");
    });

    test("drops the subscriptions of a handle when it closes", async () => {
      const topic = t.key("closed");
      const instanceB = await t.open();
      const [closed, open] = [recorder(), recorder()];
      await instanceB.subscribe(topic, closed.handler);
      await t.cache.subscribe(topic, open.handler);
      await instanceB.close();
      await t.cache.publish(topic, "after-close");
      await waitFor(() => open.seen.length > 0, "the open handle");
      expect(closed.seen).toEqual([]);
    });

    test("answers ping while open, rejects calls after close, and closes twice harmlessly", async () => {
      const cache = await t.open();
      await cache.ping();
      await cache.close();
      await cache.close();
      await expect(cache.get(t.key("after-close"))).rejects.toThrow();
      await expect(cache.subscribe(t.key("after-close"), () => undefined)).rejects.toThrow();
    });
  });
}
