import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTokenVerifier } from "@nevewatch/edge";
import type { Principal } from "../../auth/principal.ts";
import { fixtureDirectory, type StreamingKit, startStreamingKit, startTsOrigin } from "./_test-kit.ts";
import { loadRouteKeys } from "./keys.ts";

let origin: ReturnType<typeof startTsOrigin>;
let kit: StreamingKit;

beforeAll(async () => {
  origin = startTsOrigin();
  kit = await startStreamingKit(
    (storeId) =>
      fixtureDirectory([
        {
          id: "ch-1",
          storeId,
          type: "live",
          packageIds: ["pkg-basic"],
          format: "ts",
          sourceUrls: [`${origin.url}/ts/1`],
        },
        {
          id: "ch-premium",
          storeId,
          type: "live",
          packageIds: ["pkg-premium"],
          format: "ts",
          sourceUrls: [`${origin.url}/ts/2`],
        },
      ]),
    ["pkg-basic"],
    2,
  );
});
afterAll(async () => {
  await kit.stop();
  origin.stop();
});

const device = (viewer: Principal, sessionId: string): Principal => ({ ...viewer, sessionId });

async function route(as: Principal, streamId = "ch-1") {
  return kit.call("GET", `/v1/streaming/node-route?streamId=${streamId}&streamType=live`, as);
}

/** Reads at least `bytes` from a live URL, then disconnects. */
async function readSome(url: string, bytes: number): Promise<number> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let total = 0;
  while (total < bytes) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
  }
  controller.abort();
  return total;
}

describe("node route and the embedded edge", () => {
  test("routes a viewer with a plan to the API's embedded edge with a token only that node accepts", async () => {
    const { status, body } = await route(device(kit.viewer, "tv-1"));
    expect(status).toBe(200);
    expect(body.nodeId).toBe("api");
    expect(body.nodeUrl).toBe(`${kit.url}/edge`);
    expect(body.url).toStartWith(`${kit.url}/edge/live/ch-1.ts?token=`);
    const keys = await loadRouteKeys(kit.ctx.config);
    const claims = await createTokenVerifier({ publicKey: keys.publicKey, nodeId: "api" }).verify(body.token);
    expect(claims).toMatchObject({ aud: "api", sub: kit.viewer.id, stm: "ch-1", stt: "live", fmt: "ts" });
    const other = createTokenVerifier({ publicKey: keys.publicKey, nodeId: "edge-2" });
    await expect(other.verify(body.token)).rejects.toThrow();
    expect(await readSome(body.url, 188 * 100)).toBeGreaterThanOrEqual(188 * 100);
    // Browsers' players (hls.js, MSE) read streams cross-origin: the token is the access control.
    const preflight = await fetch(body.url, { method: "OPTIONS" });
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  });

  test("refuses a stream outside the plan with not_in_plan", async () => {
    const { status, body } = await route(device(kit.viewer, "tv-1"), "ch-premium");
    expect(status).toBe(403);
    expect(body.code).toBe("not_in_plan");
  });

  test("answers 404 for an unknown stream", async () => {
    const { status, body } = await route(device(kit.viewer, "tv-1"), "nope");
    expect(status).toBe(404);
    expect(body.code).toBe("not_found");
  });

  test("refuses a third screen on a 2-screen plan and allows it again once a session ends", async () => {
    // The first test's "tv-1" session ends when its viewer disconnects; wait for that release.
    const screens = async () => {
      const mine = await kit.call("GET", "/v1/me/screens", kit.viewer);
      return (mine.body.screens ?? mine.body.items ?? []).length as number;
    };
    for (let i = 0; i < 50 && (await screens()) > 0; i++) await Bun.sleep(100);
    expect(await screens()).toBe(0);
    const a = await route(device(kit.viewer, "phone"));
    const b = await route(device(kit.viewer, "laptop"));
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await screens()).toBe(2);
    const third = await route(device(kit.viewer, "tablet"));
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({ code: "screen_limit_reached", limit: 2 });

    // Watch on the phone, then stop: the edge reports the session's end and the screen frees.
    await readSome(a.body.url, 188 * 50);
    const deadline = Date.now() + 5000;
    let retry = third;
    while (Date.now() < deadline) {
      retry = await route(device(kit.viewer, "tablet"));
      if (retry.status === 200) break;
      await Bun.sleep(100);
    }
    expect(retry.status).toBe(200);
  });

  test("a viewer without a subscription gets no_subscription", async () => {
    const stranger: Principal = {
      id: "nobody",
      kind: "user",
      role: "viewer",
      storeId: kit.storeId,
      permissions: [],
      sessionId: "x",
    };
    const { status, body } = await route(stranger);
    expect(status).toBe(403);
    expect(body.code).toBe("no_subscription");
  });

  test("shares one upstream connection among the viewers of a channel, one client per route URL", async () => {
    const held = await kit.call("GET", "/v1/me/screens", kit.viewer);
    for (const screen of held.body.items as Array<{ sessionId: string }>)
      await kit.call("DELETE", `/v1/me/screens/${encodeURIComponent(screen.sessionId)}`, kit.viewer);
    const before = origin.connections();
    const routes = await Promise.all(
      Array.from({ length: 2 }, (_, i) => route(device(kit.viewer, i === 0 ? "phone" : "laptop"))),
    );
    const urls = routes.map((r) => r.body.url as string).filter(Boolean);
    expect(urls).toHaveLength(2);
    const readers = await Promise.all(urls.map((url) => readSome(url, 188 * 40)));
    expect(readers.every((n) => n >= 188 * 40)).toBe(true);
    expect(origin.connections() - before).toBeLessThanOrEqual(1);
  });
});
