import { afterEach, describe, expect, test } from "bun:test";
import { type Harness, startEdge } from "../test/edge-harness.ts";
import { startStubApi } from "../test/stub-api.ts";
import { startTsOrigin } from "../test/ts-origin.ts";
import { createApiClient } from "./api-client.ts";
import { silentLogger } from "./logger.ts";
import { watchRevocations } from "./revocation-watch.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("revocation watch", () => {
  test("a screen revoked at the API ends its live stream on the node at once, with no heartbeat", async () => {
    const stub = startStubApi();
    cleanups.push(() => stub.stop());
    stub.credentials.set("edge-rw", "credential-0123456789");
    const h: Harness = await startEdge();
    cleanups.push(() => h.stop());
    const api = createApiClient({
      baseUrl: stub.url,
      nodeId: "edge-rw",
      credential: "credential-0123456789",
    });
    const watch = watchRevocations({ edge: h.edge, api, logger: silentLogger });
    cleanups.push(() => watch.stop());

    const origin = startTsOrigin({ bitrateBps: 2_000_000 });
    cleanups.push(() => origin.kill());
    h.sources.set("live/100", [{ id: "a", url: origin.url, format: "ts", accountId: null }]);
    const token = await h.token("100", "live", "ts", { sid: "screen-push" });
    const response = await fetch(`${h.base}/live/100.ts?token=${token}`);
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let bytes = 0;
    const until = Date.now() + 300;
    while (Date.now() < until) bytes += (await reader.read()).value?.byteLength ?? 0;
    expect(bytes).toBeGreaterThan(10_000);

    const pushedAt = Date.now();
    stub.push.push("screen-push");
    let done = false;
    while (!done && Date.now() - pushedAt < 3000) done = (await reader.read()).done;
    expect(done).toBe(true);
    expect(Date.now() - pushedAt).toBeLessThan(1500);
    expect(stub.heartbeats).toHaveLength(0);
    const again = await fetch(`${h.base}/live/100.ts?token=${token}`);
    expect((await again.json()).code).toBe("session_revoked");
  });
});
