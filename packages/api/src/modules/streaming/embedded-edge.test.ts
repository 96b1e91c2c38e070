/**
 * The embedded edge with the SSRF guard as production runs it (OUTBOUND_ALLOW_PRIVATE off): a
 * source at the API's own origin (where the demo origin lives) plays, though it is loopback; a
 * source elsewhere on this machine is refused, and the log says why.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Edge, generateRouteKeyPair, type RouteKeyPair, signRouteToken } from "@nevewatch/edge";
import { createTestContext, type TestContext } from "../../testing/context.ts";
import { upstreamSlotKey } from "../nodes/service.ts";
import { acquireScreen, activeScreens, revokeAllScreens } from "../screens/mod.ts";
import { fixtureDirectory, startTsOrigin } from "./_test-kit.ts";
import { createEmbeddedEdge, EMBEDDED_EDGE_PREFIX } from "./embedded-edge.ts";
import { API_NODE_ID } from "./route.ts";

/** Stands in for the API's own origin: PUBLIC_URL names it. */
const own = startTsOrigin();
const elsewhere = startTsOrigin();
let ctx: TestContext;
let keys: RouteKeyPair;
let edge: Edge;
let ownStream: Parameters<typeof fixtureDirectory>[0][number];

beforeAll(async () => {
  ctx = await createTestContext({ OUTBOUND_ALLOW_PRIVATE: "false", PUBLIC_URL: own.url });
  keys = await generateRouteKeyPair();
  const stream = { storeId: "store-1", type: "live" as const, packageIds: [], format: "ts" as const };
  ownStream = { ...stream, id: "own", sourceUrls: [`${own.url}/ts`] };
  const directory = fixtureDirectory([
    ownStream,
    { ...stream, id: "elsewhere", sourceUrls: [`${elsewhere.url}/ts`] },
  ]);
  edge = createEmbeddedEdge(ctx, directory, keys.publicKey);
});
afterAll(async () => {
  await edge.close();
  await ctx.dispose();
  await own.stop();
  await elsewhere.stop();
});

async function watch(streamId: string, on: Edge = edge, gen = 0): Promise<Response> {
  const token = await signRouteToken(keys.privateKey, {
    gen,
    aud: API_NODE_ID,
    sub: "viewer-1",
    sid: `screen-${streamId}`,
    sto: "store-1",
    stm: streamId,
    stt: "live",
    fmt: "ts",
  });
  return on.fetch(new Request(`${own.url}${EMBEDDED_EDGE_PREFIX}/live/${streamId}.ts?token=${token}`));
}

describe("the embedded edge with OUTBOUND_ALLOW_PRIVATE off", () => {
  test("plays a source at the origin of PUBLIC_URL", async () => {
    const response = await watch("own");
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect((await reader.read()).value?.[0]).toBe(0x47);
    await reader.cancel();
  });

  test("refuses a source at another private address and logs the address class", async () => {
    const response = await watch("elsewhere");
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ code: "upstream_failed" });
    expect(elsewhere.connections()).toBe(0);
    const refused = ctx.logLines.find((line) => line.msg === "upstream refused");
    expect(refused).toMatchObject({
      streamId: "elsewhere",
      err: {
        message: `The source's address "127.0.0.1" is a loopback address; refused (set OUTBOUND_ALLOW_PRIVATE for local sources)`,
        refusal: { addressClass: "loopback" },
      },
    });
  });
});

describe("the embedded edge's lease keeper (a node's heartbeat does this for its sessions)", () => {
  test("renews the screen lease and upstream slot of a session that is watching, and stops one whose lease was released", async () => {
    const directory = fixtureDirectory([{ ...ownStream, accountId: "account-1" }]);
    const kept = createEmbeddedEdge(ctx, directory, keys.publicKey, {
      renewEveryMs: 100,
      upstreamLeaseMs: 1000,
    });
    const viewer = { storeId: "store-1", viewerId: "viewer-1" };
    try {
      // The lease the route takes, with a life shorter than the test instead of 30 s.
      const lease = await acquireScreen(ctx, { ...viewer, sessionId: "screen-own", ttlMs: 1000, limit: 2 });
      if (!lease.ok) throw new Error("no screen");
      const response = await watch("own", kept, lease.gen);
      expect(response.status).toBe(200);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const started = Date.now();
      while (Date.now() - started < 2500) await reader.read();
      // Two and a half lease lives later the screen and the upstream account's slot are still taken:
      // the keeper renewed both.
      expect((await activeScreens(ctx, viewer)).map((s) => s.sessionId)).toEqual(["screen-own"]);
      expect(await ctx.cache.slotMembers(upstreamSlotKey("account-1"))).toEqual([`${API_NODE_ID}:own`]);

      // The subscription ends: every screen is released, and the keeper stops the stream.
      await revokeAllScreens(ctx, viewer);
      const stopped = Date.now();
      let ended = false;
      while (!ended && Date.now() - stopped < 3000)
        ended = (await reader.read().catch(() => ({ done: true }))).done;
      expect(ended).toBe(true);
      expect(Date.now() - stopped).toBeLessThan(2000);
    } finally {
      await kept.close();
    }
  });
});
