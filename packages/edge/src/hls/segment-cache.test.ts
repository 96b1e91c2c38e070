import { describe, expect, test } from "bun:test";
import { type CacheAnswer, type IncomingObject, SegmentCache } from "./segment-cache.ts";

const object = (bytes: number): IncomingObject => ({
  body: new Blob([new Uint8Array(bytes)]).stream(),
  contentType: "video/mp2t",
  length: bytes,
});

/** An upstream body the test feeds by hand. */
function manualBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    incoming: { body, contentType: "video/mp2t", length: undefined } satisfies IncomingObject,
    push: (bytes: number[]) => controller.enqueue(new Uint8Array(bytes)),
    end: () => controller.close(),
    fail: (error: Error) => controller.error(error),
  };
}

async function bytesOf(answer: CacheAnswer): Promise<number[]> {
  return [...new Uint8Array(await new Response(answer.body).arrayBuffer())];
}

async function rest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<number[]> {
  const out: number[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(...value);
  }
}

describe("segment cache", () => {
  test("coalesces concurrent requests for one key into one load, then answers from memory", async () => {
    const cache = new SegmentCache(1_000_000);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await Bun.sleep(20);
      return object(1000);
    };
    const answers = await Promise.all(Array.from({ length: 100 }, () => cache.get("a", load)));
    expect(loads).toBe(1);
    const bodies = await Promise.all(answers.map(bytesOf));
    expect(bodies.every((body) => body.length === 1000)).toBe(true);
    const again = await cache.get("a", load);
    expect(loads).toBe(1);
    expect(again.body).toBeInstanceOf(Uint8Array);
    expect(cache.stats()).toMatchObject({ misses: 1, hits: 100, coalesced: 99, entries: 1, bytes: 1000 });
  });

  test("streams the first load's bytes to every waiting viewer as they arrive", async () => {
    const cache = new SegmentCache(1_000_000);
    const upstream = manualBody();
    let loads = 0;
    const load = async () => {
      loads += 1;
      return upstream.incoming;
    };
    const [a, b] = await Promise.all([cache.get("s", load), cache.get("s", load)]);
    const readerA = (a.body as ReadableStream<Uint8Array>).getReader();
    const readerB = (b.body as ReadableStream<Uint8Array>).getReader();
    upstream.push([1, 2, 3]);
    // Both viewers have the first bytes while the upstream is still sending.
    expect([...((await readerA.read()).value ?? [])]).toEqual([1, 2, 3]);
    expect([...((await readerB.read()).value ?? [])]).toEqual([1, 2, 3]);
    upstream.push([4, 5]);
    // A viewer arriving mid-download gets the bytes so far at once, then the rest.
    const late = await cache.get("s", load);
    const readerLate = (late.body as ReadableStream<Uint8Array>).getReader();
    expect([...((await readerLate.read()).value ?? [])]).toEqual([1, 2, 3, 4, 5]);
    upstream.push([6]);
    upstream.end();
    expect([...((await readerA.read()).value ?? [])]).toEqual([4, 5]);
    expect([...((await readerA.read()).value ?? [])]).toEqual([6]);
    expect((await readerA.read()).done).toBe(true);
    expect([...((await readerLate.read()).value ?? [])]).toEqual([6]);
    expect(await rest(readerB)).toEqual([4, 5, 6]);
    const hit = await cache.get("s", load);
    expect(loads).toBe(1);
    expect(hit.body).toEqual(new Uint8Array([1, 2, 3, 4, 5, 6]));
    expect(cache.stats()).toMatchObject({ misses: 1, coalesced: 2, entries: 1, bytes: 6 });
  });

  test("fails the viewers of an upstream that breaks mid-body and does not keep it", async () => {
    const cache = new SegmentCache(1_000_000);
    const upstream = manualBody();
    const answer = await cache.get("s", async () => upstream.incoming);
    const reader = (answer.body as ReadableStream<Uint8Array>).getReader();
    upstream.push([1, 2]);
    expect([...((await reader.read()).value ?? [])]).toEqual([1, 2]);
    upstream.fail(new Error("upstream reset"));
    await expect(reader.read()).rejects.toThrow("upstream reset");
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
    let reloaded = false;
    const retry = await cache.get("s", async () => {
      reloaded = true;
      return object(10);
    });
    expect(reloaded).toBe(true);
    expect((await bytesOf(retry)).length).toBe(10);
  });

  test("evicts least recently used objects to stay within its byte bound", async () => {
    const cache = new SegmentCache(3000, 3000);
    const fill = async (key: string) => bytesOf(await cache.get(key, async () => object(1000)));
    for (const key of ["a", "b", "c"]) await fill(key);
    await fill("a");
    await fill("d");
    expect(cache.stats()).toMatchObject({ bytes: 3000, entries: 3, evictions: 1 });
    let reloaded = false;
    await cache.get("b", async () => {
      reloaded = true;
      return object(1000);
    });
    expect(reloaded).toBe(true);
  });

  test("does not keep failed loads or objects above the object bound", async () => {
    const cache = new SegmentCache(10_000, 2000);
    await expect(cache.get("x", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect((await bytesOf(await cache.get("big", async () => object(5000)))).length).toBe(5000);
    await Bun.sleep(0);
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
    const ok = await cache.get("x", async () => object(10));
    expect((await bytesOf(ok)).length).toBe(10);
  });
});
