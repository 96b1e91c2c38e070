/**
 * Test kit for streaming: a real API listening on 127.0.0.1 with its embedded edge, a real
 * MPEG-TS origin, a fixture stream directory, and a store with a plan, a viewer and devices.
 */
import { createApp } from "../../app.ts";
import type { Authenticate, Principal } from "../../auth/principal.ts";
import { migrate } from "../../boot.ts";
import { newId } from "../../db/mod.ts";
import { createTestContext, jsonRequest, type TestContext } from "../../testing/context.ts";
import { plantPackages } from "../catalog/testing.ts";
import { STORES_COLLECTION } from "../stores/model.ts";
import { insertStoreDoc } from "../stores/repo.ts";
import { createUser, USERS_COLLECTION } from "../users/mod.ts";
import type { StreamDirectory, StreamInfo } from "./directory.ts";

const PACKET = 188;

/** An origin serving an endless paced MPEG-TS stream (null packets with a counter) at /ts. */
export function startTsOrigin(bitsPerSecond = 2_000_000) {
  let connections = 0;
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(request) {
      if (!new URL(request.url).pathname.startsWith("/ts")) return new Response("no", { status: 404 });
      connections++;
      const chunkPackets = 50;
      const intervalMs = ((chunkPackets * PACKET * 8) / bitsPerSecond) * 1000;
      let timer: Timer | undefined;
      let counter = 0;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          timer = setInterval(() => {
            const chunk = new Uint8Array(chunkPackets * PACKET);
            for (let i = 0; i < chunkPackets; i++) {
              const o = i * PACKET;
              chunk[o] = 0x47;
              chunk[o + 1] = 0x1f;
              chunk[o + 2] = 0xff;
              chunk[o + 3] = 0x10 | (counter++ & 0x0f);
            }
            try {
              controller.enqueue(chunk);
            } catch {
              clearInterval(timer);
            }
          }, intervalMs);
        },
        cancel() {
          clearInterval(timer);
        },
      });
      return new Response(stream, { headers: { "content-type": "video/mp2t" } });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    connections: () => connections,
    stop: () => server.stop(true),
  };
}

export function fixtureDirectory(
  streams: Array<StreamInfo & { sourceUrls: string[]; accountId?: string }>,
): StreamDirectory {
  const byId = new Map(streams.map((s) => [s.id, s]));
  return {
    async describe(type, id) {
      const s = byId.get(id);
      return s && s.type === type ? s : null;
    },
    async sources(info) {
      const s = byId.get(info.id);
      return (s?.sourceUrls ?? []).map((url, i) => ({
        id: `${info.id}-src${i}`,
        url,
        format: info.format,
        accountId: s?.accountId ?? null,
      }));
    },
    async accountLimit() {
      return 1;
    },
  };
}

export interface StreamingKit {
  ctx: TestContext;
  url: string;
  storeId: string;
  viewer: Principal;
  owner: Principal;
  /** Bearer header for a principal (a device login when sessionId is set). */
  auth(principal: Principal): Record<string, string>;
  call(method: string, path: string, as: Principal, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function startStreamingKit(
  directoryFor: (storeId: string) => StreamDirectory,
  packageIds: string[],
  screens = 2,
): Promise<StreamingKit> {
  const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
  const port = probe.port ?? 0;
  probe.stop(true);
  const ctx = await createTestContext({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
  await migrate(ctx);
  await ctx.store.migrate([STORES_COLLECTION, USERS_COLLECTION]);
  const storeId = await insertStoreDoc(ctx, {
    slug: `st${newId().slice(-10)}`,
    name: "Streaming test store",
  });
  const user = await createUser(ctx, {
    storeId: storeId,
    email: `${newId()}@example.com`,
    password: "correct horse battery staple",
    role: "viewer",
  });
  const tokens = new Map<string, Principal>();
  const authenticate: Authenticate = async (token) => tokens.get(token) ?? null;
  const app = createApp(ctx, { authenticate, directory: directoryFor(storeId) }).listen({
    hostname: "127.0.0.1",
    port,
  });
  const url = `http://127.0.0.1:${port}`;
  const auth = (principal: Principal) => {
    const token = newId();
    tokens.set(token, principal);
    return { authorization: `Bearer ${token}` };
  };
  const call = async (method: string, path: string, as: Principal, body?: unknown) => {
    const response = await app.handle(jsonRequest(method, path, body, auth(as)));
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const owner: Principal = {
    id: newId(),
    kind: "user",
    role: "store_owner",
    storeId: storeId,
    permissions: [],
  };
  const viewer: Principal = {
    id: user._id,
    kind: "user",
    role: "viewer",
    storeId: storeId,
    permissions: [],
  };
  await plantPackages(ctx, storeId, packageIds);
  const plan = await call("POST", "/v1/plans", owner, {
    name: "Basic",
    price: 999,
    currency: "EUR",
    durationDays: 30,
    screens,
    packageIds,
  });
  if (plan.status !== 201) throw new Error(`plan: ${JSON.stringify(plan.body)}`);
  const grant = await call("POST", "/v1/subscriptions", owner, { viewerId: viewer.id, planId: plan.body.id });
  if (grant.status !== 201) throw new Error(`grant: ${JSON.stringify(grant.body)}`);
  return {
    ctx,
    url,
    storeId: storeId,
    viewer,
    owner,
    auth,
    call,
    async stop() {
      await app.stop(true);
      await ctx.dispose();
    },
  };
}
