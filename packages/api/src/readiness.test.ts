import { afterEach, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateRouteKeyPair } from "@nevewatch/edge";
import { createApp } from "./app.ts";
import { createTestContext, type TestContext } from "./testing/context.ts";

const contexts: TestContext[] = [];
afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.dispose().catch(() => undefined);
});

/** An app whose development route keys (DATA_DIR/route-keys.json) are `keys`, when given. */
async function appWith(keys?: { privateKey: string; publicKey: string }) {
  const ctx = await createTestContext();
  contexts.push(ctx);
  if (keys) writeFileSync(join(ctx.dataDir, "route-keys.json"), JSON.stringify(keys));
  const app = createApp(ctx, { authenticate: async () => null });
  const ready = async () => {
    const response = await app.handle(new Request("http://localhost/health/ready"));
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { ctx, ready };
}

describe("/health/ready", () => {
  test("is ready when storage, cache and the route keys all work", async () => {
    const { ready } = await appWith();
    expect(await ready()).toEqual({
      status: 200,
      body: { status: "ok", checks: { storage: "ok", cache: "ok", "route-keys": "ok" } },
    });
  });

  test("is not ready when the route keys cannot sign a token (every node-route would fail)", async () => {
    const { ready } = await appWith({ privateKey: "x", publicKey: "y" });
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body).toMatchObject({ code: "unavailable", checks: { storage: "ok", cache: "ok" } });
    expect(String(body.detail)).toContain("route-keys");
    expect((body.checks as Record<string, string>)["route-keys"]).toStartWith("failed:");
  });

  test("is not ready when the route keys are halves of two pairs (nodes would refuse every token)", async () => {
    const [a, b] = [await generateRouteKeyPair(), await generateRouteKeyPair()];
    const { ready } = await appWith({ privateKey: a.privateKey, publicKey: b.publicKey });
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect((body.checks as Record<string, string>)["route-keys"]).toStartWith("failed:");
  });

  test("is not ready when the cache or the storage is down", async () => {
    const cacheDown = await appWith();
    await cacheDown.ctx.cache.close();
    const cache = await cacheDown.ready();
    expect(cache.status).toBe(503);
    expect((cache.body.checks as Record<string, string>).cache).toStartWith("failed:");

    const storageDown = await appWith();
    await storageDown.ctx.store.close();
    const storage = await storageDown.ready();
    expect(storage.status).toBe(503);
    expect((storage.body.checks as Record<string, string>).storage).toStartWith("failed:");
  });
});
