import { afterEach, describe, expect, test } from "bun:test";
import { type Harness, startEdge } from "../test/edge-harness.ts";
import { openHlsSession } from "../test/hls-client.ts";
import { startHlsOrigin } from "../test/hls-origin.ts";
import { readFor } from "../test/read-stream.ts";
import { startStubApi } from "../test/stub-api.ts";
import { startTsOrigin } from "../test/ts-origin.ts";
import { createApiClient } from "./api-client.ts";
import { type Heartbeat, startHeartbeat } from "./heartbeat.ts";
import { silentLogger } from "./logger.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const stub = startStubApi();
  cleanups.push(() => stub.stop());
  stub.credentials.set("edge-test-1", "credential-0123456789");
  const h: Harness = await startEdge();
  cleanups.push(() => h.stop());
  const api = createApiClient({
    baseUrl: stub.url,
    nodeId: "edge-test-1",
    credential: "credential-0123456789",
  });
  let drained = 0;
  const heartbeat: Heartbeat = startHeartbeat({
    edge: h.edge,
    api,
    intervalMs: 100,
    maxBackoffMs: 400,
    logger: silentLogger,
    onDrain: () => {
      drained += 1;
      h.edge.drain();
    },
  });
  cleanups.push(() => heartbeat.stop());
  return { stub, h, heartbeat, drained: () => drained };
}

describe("heartbeat", () => {
  test("reports sessions, channels and load, and applies revocations and drain", async () => {
    const { stub, h, drained } = await setup();
    const origin = startTsOrigin({ bitrateBps: 2_000_000 });
    cleanups.push(() => origin.kill());
    h.sources.set("live/100", [{ id: "src-a", url: origin.url, format: "ts", accountId: "acct-1" }]);
    const token = await h.token("100", "live", "ts", { sid: "screen-hb", sub: "viewer-hb" });
    const response = await fetch(`${h.base}/live/100.ts?token=${token}`);
    const reading = readFor(response.body as ReadableStream<Uint8Array>, 3000);
    await Bun.sleep(400);
    const last = stub.heartbeats.at(-1);
    expect(last?.sessions).toEqual([
      expect.objectContaining({
        sid: "screen-hb",
        viewerId: "viewer-hb",
        storeId: "store-1",
        streamId: "100",
        streamType: "live",
      }),
    ]);
    expect(last?.channels).toEqual([{ streamId: "100", viewers: 1, sourceId: "src-a", accountId: "acct-1" }]);
    expect(last?.upstreams).toBe(1);
    expect(last?.egressBps).toBeGreaterThan(0);
    expect(last?.memoryBytes).toBeGreaterThan(0);
    stub.revoke = ["screen-hb"];
    stub.drain = true;
    const read = await reading;
    expect(read.done).toBe(true);
    expect(drained()).toBe(1);
    expect(h.edge.stats().draining).toBe(true);
  });

  test("keeps serving existing sessions while the API is down and retries with backoff", async () => {
    const { stub, h, heartbeat } = await setup();
    const origin = startHlsOrigin();
    cleanups.push(() => origin.kill());
    h.sources.set("live/200", [
      { id: "h", url: `${origin.base}/live/ch1/index.m3u8`, format: "hls", accountId: null },
    ]);
    const playlistUrl = await openHlsSession(h, "200");
    stub.down = true;
    const before = stub.calls.length;
    await Bun.sleep(1200);
    // 100 ms interval doubling up to 400 ms: a handful of attempts in 1.2 s, not twelve.
    const attempts = stub.calls.length - before;
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(6);
    expect(heartbeat.consecutiveFailures).toBeGreaterThanOrEqual(2);
    expect((await fetch(playlistUrl)).status).toBe(200);
    stub.down = false;
    await Bun.sleep(600);
    expect(heartbeat.consecutiveFailures).toBe(0);
  });
});
