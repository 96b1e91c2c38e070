import { afterEach, describe, expect, test } from "bun:test";
import { startEdge } from "../../test/edge-harness.ts";
import { openHlsSession, playlistUris } from "../../test/hls-client.ts";
import { segmentBytes, startHlsOrigin } from "../../test/hls-origin.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const SEGMENT_PATH = "/live/ch1/seg100.ts";

/** An edge before an origin whose segments trickle out in 10 pieces over `intervalMs × 9`. */
async function setup(intervalMs: number) {
  const origin = startHlsOrigin();
  cleanups.push(() => origin.kill());
  const h = await startEdge();
  cleanups.push(() => h.stop());
  h.sources.set("live/300", [
    { id: "h1", url: `${origin.base}/live/ch1/index.m3u8`, format: "hls", accountId: null },
  ]);
  const playlist = await (await fetch(await openHlsSession(h, "300"))).text();
  const segmentUrl = `${h.base}${playlistUris(playlist)[2]}`;
  origin.segmentPieces = { count: 10, intervalMs };
  return { h, origin, segmentUrl };
}

/** Reads a whole response, noting when its first body byte arrived. */
async function download(url: string): Promise<{ status: number; firstByteAt: number; body: Uint8Array }> {
  const response = await fetch(url);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let firstByteAt = -1;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (firstByteAt < 0) firstByteAt = performance.now();
    chunks.push(value);
  }
  return { status: response.status, firstByteAt, body: Buffer.concat(chunks) };
}

describe("HLS segment streaming", () => {
  test("streams a fresh segment from a slow upstream to concurrent viewers before the upstream is done", async () => {
    const { h, origin, segmentUrl } = await setup(110);
    const [a, b] = await Promise.all([download(segmentUrl), download(segmentUrl)]);
    const finishedAt = origin.segmentFinishedAt.get(SEGMENT_PATH) ?? Number.NaN;
    // The origin takes ~1 s; both viewers had their first bytes long before its last piece left.
    expect(a.firstByteAt).toBeLessThan(finishedAt - 500);
    expect(b.firstByteAt).toBeLessThan(finishedAt - 500);
    expect(a.status).toBe(200);
    expect(Buffer.compare(a.body, segmentBytes("seg100.ts"))).toBe(0);
    expect(Buffer.compare(b.body, a.body)).toBe(0);
    expect(origin.hits.get(SEGMENT_PATH)).toBe(1);

    const third = await fetch(segmentUrl);
    expect(third.headers.get("content-length")).toBe(String(64 * 1024));
    expect(Buffer.compare(new Uint8Array(await third.arrayBuffer()), a.body)).toBe(0);
    expect(origin.hits.get(SEGMENT_PATH)).toBe(1);
    expect(h.edge.stats().hls).toMatchObject({ cacheMisses: 1, cacheHits: 2 });
  });

  test("a segment whose upstream breaks off mid-body fails its viewers and is fetched again", async () => {
    const { origin, segmentUrl } = await setup(20);
    origin.segmentFailAfter = 3;
    const broken = await Promise.allSettled([download(segmentUrl), download(segmentUrl)]);
    expect(broken.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect(origin.hits.get(SEGMENT_PATH)).toBe(1);

    origin.segmentFailAfter = undefined;
    const whole = await download(segmentUrl);
    expect(Buffer.compare(whole.body, segmentBytes("seg100.ts"))).toBe(0);
    expect(origin.hits.get(SEGMENT_PATH)).toBe(2);
  });
});
