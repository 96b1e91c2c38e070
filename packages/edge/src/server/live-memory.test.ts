import { afterAll, describe, expect, test } from "bun:test";
import { type Harness, startEdge } from "../../test/edge-harness.ts";
import { runLoadClient } from "../../test/run-load-client.ts";
import { startTsOrigin, type TsOrigin } from "../../test/ts-origin.ts";

let h: Harness | undefined;
let origin: TsOrigin | undefined;
afterAll(async () => {
  await h?.stop();
  await origin?.kill();
});

describe("live memory", () => {
  test("edge RSS stays bounded with 200 viewers of one channel", async () => {
    h = await startEdge();
    origin = startTsOrigin({ bitrateBps: 4_000_000 });
    h.sources.set("live/300", [{ id: "a", url: origin.url, format: "ts", accountId: null }]);
    const edge = h;
    Bun.gc(true);
    const baseline = process.memoryUsage().rss;
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(process.memoryUsage().rss), 250);
    const seconds = 4;
    // The viewers live in another process, so this process's RSS is the edge's (and the origin's).
    const urls = await Promise.all(
      Array.from(
        { length: 200 },
        async () => `${edge.base}/live/300.ts?token=${await edge.token("300", "live", "ts")}`,
      ),
    );
    const reads = await runLoadClient(urls, seconds * 1000);
    clearInterval(sampler);
    const peak = Math.max(...samples);
    const mib = (bytes: number) => (bytes / 1048576).toFixed(1);
    const settled = samples.slice(Math.floor(samples.length / 2));
    console.log(
      `200 viewers: RSS baseline ${mib(baseline)} MiB, peak ${mib(peak)} MiB (+${mib(peak - baseline)}), ` +
        `second-half drift ${mib(Math.max(...settled) - Math.min(...settled))} MiB`,
    );
    expect(origin.connections).toBe(1);
    expect(edge.edge.stats().droppedViewers).toBe(0);
    // Each viewer got (nearly) the channel's full rate.
    for (const read of reads) {
      expect(read.status).toBe(200);
      expect(read.bytes).toBeGreaterThan(0.8 * (4_000_000 / 8) * seconds);
    }
    // Chunks are shared, not copied per viewer: 200 viewers must not cost 200 queues' worth.
    expect(peak - baseline).toBeLessThan(64 * 1024 * 1024);
    expect(Math.max(...settled) - Math.min(...settled)).toBeLessThan(16 * 1024 * 1024);
  }, 30_000);
});
