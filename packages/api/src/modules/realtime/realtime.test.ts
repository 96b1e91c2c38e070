import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createApp } from "../../app.ts";
import type { Principal } from "../../auth/principal.ts";
import { createTestContext, type TestContext } from "../../testing/context.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const viewer: Principal = { id: "u1", kind: "user", role: "viewer", storeId: "s1", permissions: [] };
const authenticate = async (token: string) => (token === "good" ? viewer : null);
const topicBase = `test-${crypto.randomUUID().slice(0, 8)}`;

interface Instance {
  ctx: TestContext;
  url: string;
  stop(): Promise<void>;
}

async function instance(): Promise<Instance> {
  const ctx = await createTestContext({ CACHE_URL: REDIS_URL });
  await ctx.cache.ping();
  ctx.realtime.registerTopic(`${topicBase}/stores/`, (p, topic) =>
    topic.startsWith(`${topicBase}/stores/${p.storeId}/`),
  );
  const app = createApp(ctx, { authenticate }).listen({ hostname: "127.0.0.1", port: 0 });
  return {
    ctx,
    url: `ws://127.0.0.1:${app.server?.port}/v1/ws`,
    async stop() {
      await app.stop();
      await ctx.dispose();
    },
  };
}

/** Opens a socket and collects every JSON message it receives. */
async function connect(url: string) {
  const socket = new WebSocket(url);
  const messages: Array<Record<string, unknown>> = [];
  socket.addEventListener("message", (e) => messages.push(JSON.parse(String(e.data))));
  const closed = new Promise<number>((resolve) => socket.addEventListener("close", (e) => resolve(e.code)));
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve());
    socket.addEventListener("error", () => reject(new Error("connect failed")));
  });
  const waitFor = async (predicate: (m: Record<string, unknown>) => boolean, ms = 3000) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const found = messages.find(predicate);
      if (found) return found;
      await Bun.sleep(10);
    }
    throw new Error(`no matching message in ${ms} ms; got ${JSON.stringify(messages)}`);
  };
  return { socket, messages, closed, waitFor, send: (m: unknown) => socket.send(JSON.stringify(m)) };
}

let a: Instance;
let b: Instance;
beforeAll(async () => {
  a = await instance();
  b = await instance();
});
afterAll(async () => {
  await a.stop();
  await b.stop();
});

describe("realtime WebSocket over Redis pub/sub", () => {
  test("a message published on one instance reaches a subscriber on another", async () => {
    const client = await connect(`${b.url}?access_token=good`);
    const topic = `${topicBase}/stores/s1/imports`;
    client.send({ type: "subscribe", topic });
    await client.waitFor((m) => m.type === "subscribed" && m.topic === topic);
    await a.ctx.realtime.publish(topic, { percent: 42 });
    const message = await client.waitFor((m) => m.type === "message");
    expect(message).toEqual({ type: "message", topic, data: { percent: 42 } });
    client.socket.close();
  });

  test("refuses a topic the principal may not see and unknown topic families", async () => {
    const client = await connect(`${a.url}?access_token=good`);
    for (const topic of [`${topicBase}/stores/s2/imports`, `${topicBase}/nodes/all`]) {
      client.send({ type: "subscribe", topic });
      expect(await client.waitFor((m) => m.topic === topic)).toMatchObject({
        type: "error",
        code: "forbidden",
      });
    }
    await a.ctx.realtime.publish(`${topicBase}/stores/s2/imports`, { leaked: true });
    await Bun.sleep(100);
    expect(client.messages.some((m) => m.type === "message")).toBe(false);
    client.socket.close();
  });

  test("stops delivering after unsubscribe", async () => {
    const client = await connect(`${a.url}?access_token=good`);
    const topic = `${topicBase}/stores/s1/nodes`;
    client.send({ type: "subscribe", topic });
    await client.waitFor((m) => m.type === "subscribed");
    client.send({ type: "unsubscribe", topic });
    await client.waitFor((m) => m.type === "unsubscribed");
    await b.ctx.realtime.publish(topic, { n: 1 });
    await Bun.sleep(150);
    expect(client.messages.some((m) => m.type === "message")).toBe(false);
    client.socket.close();
  });

  test("refuses a connection without a valid access token", async () => {
    const response = await fetch(a.url.replace("ws://", "http://"), {
      headers: {
        upgrade: "websocket",
        connection: "upgrade",
        "sec-websocket-version": "13",
        "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
      },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});
