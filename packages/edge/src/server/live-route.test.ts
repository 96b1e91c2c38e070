import { afterEach, describe, expect, test } from "bun:test";
import net from "node:net";
import { type Harness, startEdge } from "../../test/edge-harness.ts";
import { readFor } from "../../test/read-stream.ts";
import { startTsOrigin, type TsOrigin } from "../../test/ts-origin.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(config: Parameters<typeof startEdge>[0] = {}): Promise<Harness> {
  const harness = await startEdge(config);
  cleanups.push(() => harness.stop());
  return harness;
}

function origin(options: Parameters<typeof startTsOrigin>[0]): TsOrigin {
  const started = startTsOrigin(options);
  cleanups.push(() => started.kill());
  return started;
}

async function watch(h: Harness, stm = "100"): Promise<Response> {
  return fetch(`${h.base}/live/${stm}.ts?token=${await h.token(stm, "live", "ts")}`);
}

describe("live route", () => {
  test("60 viewers of one channel cost exactly one upstream connection", async () => {
    const h = await setup();
    const o = origin({ bitrateBps: 4_000_000 });
    h.sources.set("live/100", [{ id: "a", url: o.url, format: "ts", accountId: null }]);
    const responses = await Promise.all(Array.from({ length: 60 }, () => watch(h)));
    expect(responses.every((r) => r.status === 200 && r.headers.get("content-type") === "video/mp2t")).toBe(
      true,
    );
    const reads = await Promise.all(
      responses.map((r) => readFor(r.body as ReadableStream<Uint8Array>, 1000)),
    );
    expect(reads.every((read) => read.bytes > 100_000 && read.misaligned === 0 && read.gaps === 0)).toBe(
      true,
    );
    expect(o.connections).toBe(1);
    expect(h.edge.stats().upstreams).toBe(1);
  });

  test("viewers keep receiving bytes within 3 s after the upstream is killed mid-stream", async () => {
    const h = await setup();
    const a = origin({ bitrateBps: 4_000_000, tag: 1 });
    const b = origin({ bitrateBps: 4_000_000, tag: 2 });
    h.sources.set("live/100", [
      { id: "a", url: a.url, format: "ts", accountId: "acct-1" },
      { id: "b", url: b.url, format: "ts", accountId: "acct-2" },
    ]);
    const responses = await Promise.all(Array.from({ length: 5 }, () => watch(h)));
    const reads = Promise.all(responses.map((r) => readFor(r.body as ReadableStream<Uint8Array>, 4000)));
    await Bun.sleep(500);
    const killedAt = Date.now();
    await a.kill();
    for (const read of await reads) {
      expect(read.tags).toEqual(new Set([1, 2]));
      expect((read.firstSeenAt.get(2) ?? Number.POSITIVE_INFINITY) - killedAt).toBeLessThan(3000);
      expect(read.done).toBe(false);
    }
    expect(h.edge.stats().failovers).toBeGreaterThanOrEqual(1);
    expect(b.connections).toBe(1);
  });

  test("a viewer that never reads is dropped within its bound while the others keep full rate", async () => {
    const queue = 512 * 1024;
    const h = await setup({ viewerQueueBytes: queue, ringBytes: 256 * 1024 });
    const bitrate = 16_000_000;
    const o = origin({ bitrateBps: bitrate });
    h.sources.set("live/100", [{ id: "a", url: o.url, format: "ts", accountId: null }]);
    const readers = await Promise.all(Array.from({ length: 4 }, () => watch(h)));
    const token = await h.token("100", "live", "ts");
    const port = Number(new URL(h.base).port);
    // A raw socket that sends the request and then never reads: kernel buffers fill, then the edge queue.
    const stalled = net.connect(port, "127.0.0.1");
    stalled.pause();
    let closedAt = 0;
    stalled.on("end", () => {
      closedAt ||= Date.now();
    });
    stalled.on("close", () => {
      closedAt ||= Date.now();
    });
    stalled.write(`GET /live/100.ts?token=${token} HTTP/1.1\r\nHost: edge\r\nConnection: close\r\n\r\n`);
    const startedAt = Date.now();
    let droppedAt = 0;
    const watchDrop = (async () => {
      while (droppedAt === 0 && Date.now() - startedAt < 6000) {
        if (h.edge.stats().droppedViewers > 0) droppedAt = Date.now();
        await Bun.sleep(20);
      }
    })();
    const reads = await Promise.all(readers.map((r) => readFor(r.body as ReadableStream<Uint8Array>, 6000)));
    await watchDrop;
    expect(h.edge.stats().droppedViewers).toBe(1);
    // Loopback socket buffers (~4 MB) fill first, then the 512 KiB queue: about 2.5 s at 2 MB/s.
    expect(droppedAt - startedAt).toBeGreaterThan(0);
    expect(droppedAt - startedAt).toBeLessThan(5000);
    // Everything the stalled viewer was ever sent: socket buffers plus its queue bound and burst.
    let received = 0;
    stalled.on("data", (data: Buffer) => {
      received += data.length;
    });
    stalled.resume();
    const deadline = Date.now() + 3000;
    while (closedAt === 0 && Date.now() < deadline) await Bun.sleep(20);
    expect(closedAt).toBeGreaterThan(0);
    expect(received).toBeLessThan(16 * 1024 * 1024);
    console.log(`stalled viewer dropped after ${droppedAt - startedAt} ms, it was sent ${received} bytes`);
    stalled.destroy();
    for (const read of reads) {
      // 6 s at 16 Mbit/s is 12 MB; the healthy viewers get (nearly) all of it.
      expect(read.bytes).toBeGreaterThan(0.9 * (bitrate / 8) * 6);
      expect(read.gapDetails).toEqual([]);
      expect(read.misaligned).toBe(0);
    }
  }, 20_000);

  test("refuses missing, foreign-node and wrong-stream tokens with problem+json", async () => {
    const h = await setup();
    const missing = await fetch(`${h.base}/live/100.ts`, { headers: { "x-request-id": "req-42" } });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect(missing.headers.get("x-request-id")).toBe("req-42");
    expect(await missing.json()).toMatchObject({
      code: "token_missing",
      status: 401,
      instance: "/live/100.ts",
      requestId: "req-42",
      type: "https://nevewatch.dev/problems/token-missing",
    });
    const foreign = await fetch(
      `${h.base}/live/100.ts?token=${await h.token("100", "live", "ts", { aud: "other" })}`,
    );
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).code).toBe("token_wrong_audience");
    const wrong = await fetch(`${h.base}/live/101.ts?token=${await h.token("100", "live", "ts")}`);
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).code).toBe("token_wrong_stream");
    const unknown = await fetch(`${h.base}/nope`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).code).toBe("route_not_found");
    const metrics = await (await fetch(`${h.base}/metrics`)).text();
    expect(metrics).toContain('nevewatch_edge_token_rejections_total{reason="token_missing"} 1');
    expect(metrics).toContain('nevewatch_edge_token_rejections_total{reason="token_wrong_audience"} 1');
  });

  test("answers HEAD without opening an upstream", async () => {
    const h = await setup();
    const o = origin({ bitrateBps: 1_000_000 });
    h.sources.set("live/100", [{ id: "a", url: o.url, format: "ts", accountId: null }]);
    const head = await fetch(`${h.base}/live/100.ts?token=${await h.token("100", "live", "ts")}`, {
      method: "HEAD",
    });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("video/mp2t");
    expect(o.connections).toBe(0);
  });

  test("answers 502 problem when no source of a new channel can be opened", async () => {
    const h = await setup();
    h.sources.set("live/100", [
      { id: "dead", url: "http://127.0.0.1:9/x.ts", format: "ts", accountId: null },
    ]);
    const response = await watch(h);
    expect(response.status).toBe(502);
    expect((await response.json()).code).toBe("upstream_failed");
    const none = await watch(h, "404");
    expect(none.status).toBe(404);
    expect((await none.json()).code).toBe("no_source");
  });

  test("revoking a screen session ends its live stream and reports the session ended", async () => {
    const h = await setup();
    const o = origin({ bitrateBps: 2_000_000 });
    h.sources.set("live/100", [{ id: "a", url: o.url, format: "ts", accountId: null }]);
    const token = await h.token("100", "live", "ts", { sid: "to-revoke" });
    const response = await fetch(`${h.base}/live/100.ts?token=${token}`);
    expect(h.edge.stats().sessionList.map((s) => s.sid)).toEqual(["to-revoke"]);
    h.edge.revoke(["to-revoke"]);
    const read = await readFor(response.body as ReadableStream<Uint8Array>, 2000);
    expect(read.done).toBe(true);
    expect(h.ended).toContain("to-revoke");
    const again = await fetch(`${h.base}/live/100.ts?token=${token}`);
    expect(again.status).toBe(403);
    expect((await again.json()).code).toBe("session_revoked");
  });

  test("a route URL admits one connection at a time; a reconnect after it closed gets in", async () => {
    const h = await setup();
    const o = origin({ bitrateBps: 2_000_000 });
    h.sources.set("live/100", [{ id: "a", url: o.url, format: "ts", accountId: null }]);
    const token = await h.token("100", "live", "ts");
    const first = await fetch(`${h.base}/live/100.ts?token=${token}`);
    expect(first.status).toBe(200);
    const second = await fetch(`${h.base}/live/100.ts?token=${token}`);
    expect(second.status).toBe(409);
    expect((await second.json()).code).toBe("route_in_use");
    expect(h.edge.stats().viewers).toBe(1);
    await first.body?.cancel();
    const deadline = Date.now() + 2000;
    while (h.edge.stats().viewers > 0 && Date.now() < deadline) await Bun.sleep(20);
    const reconnect = await fetch(`${h.base}/live/100.ts?token=${token}`);
    expect(reconnect.status).toBe(200);
    const read = await readFor(reconnect.body as ReadableStream<Uint8Array>, 300);
    expect(read.bytes).toBeGreaterThan(10_000);
  });

  test("while draining, refuses new viewers with 503 and keeps existing ones streaming", async () => {
    const h = await setup();
    const o = origin({ bitrateBps: 2_000_000 });
    h.sources.set("live/100", [{ id: "a", url: o.url, format: "ts", accountId: null }]);
    const existing = await watch(h);
    h.edge.drain();
    const refused = await watch(h);
    expect(refused.status).toBe(503);
    expect((await refused.json()).code).toBe("draining");
    const health = await fetch(`${h.base}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({
      status: "draining",
      draining: true,
      viewers: 1,
      upstreams: 1,
    });
    const read = await readFor(existing.body as ReadableStream<Uint8Array>, 500);
    expect(read.bytes).toBeGreaterThan(50_000);
  });
});
