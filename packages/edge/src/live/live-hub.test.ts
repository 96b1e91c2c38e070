import { afterEach, describe, expect, test } from "bun:test";
import { readFor } from "../../test/read-stream.ts";
import { startTsOrigin, type TsOrigin } from "../../test/ts-origin.ts";
import { EdgeError } from "../errors/edge-error.ts";
import { silentLogger } from "../logger.ts";
import type { Source, UpstreamSlots } from "../upstream/source.ts";
import { createLiveCounters, type LiveConfig } from "./live-config.ts";
import { createLiveHub, type LiveHub } from "./live-hub.ts";

const config: LiveConfig = {
  ringBytes: 256 * 1024,
  viewerQueueBytes: 512 * 1024,
  lingerMs: 300,
  stallTimeoutMs: 800,
  giveUpMs: 10_000,
  chunkBytes: 16 * 1024,
  flushMs: 30,
};

const origins: TsOrigin[] = [];
const hubs: LiveHub[] = [];

afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
  await Promise.all(origins.splice(0).map((origin) => origin.kill()));
});

function origin(options: Parameters<typeof startTsOrigin>[0]): TsOrigin {
  const started = startTsOrigin(options);
  origins.push(started);
  return started;
}

function source(id: string, o: TsOrigin, accountId: string | null = null): Source {
  return { id, url: o.url, format: "ts", accountId };
}

function hub(sources: Source[], extra: { slots?: UpstreamSlots; config?: Partial<LiveConfig> } = {}) {
  const counters = createLiveCounters();
  const created = createLiveHub({
    sources: async () => sources,
    slots: extra.slots,
    config: { ...config, ...extra.config },
    counters,
    logger: silentLogger,
  });
  hubs.push(created);
  return { hub: created, counters };
}

describe("live hub", () => {
  test("hands the very same chunk objects to every viewer", async () => {
    const o = origin({ bitrateBps: 8_000_000 });
    const { hub: h } = hub([source("a", o)]);
    const viewers = await Promise.all([1, 2, 3].map((n) => h.join("ch1", `s${n}`, 3000)));
    const reads = await Promise.all(viewers.map((viewer) => readFor(viewer.stream, 600, true)));
    const [first, ...others] = reads;
    const tail = first?.chunks.slice(-5) ?? [];
    expect(tail.length).toBe(5);
    for (const other of others) for (const chunk of tail) expect(other.chunks.includes(chunk)).toBe(true);
    expect(o.connections).toBe(1);
  });

  test("delivers whole packets in order from a misaligned origin with leading garbage", async () => {
    const o = origin({ bitrateBps: 4_000_000, writeBytes: 1001, leadingGarbage: 77 });
    const { hub: h } = hub([source("a", o)]);
    const viewer = await h.join("ch1", "s1", 3000);
    const read = await readFor(viewer.stream, 700);
    expect(read.bytes).toBeGreaterThan(100_000);
    expect(read.misaligned).toBe(0);
    expect(read.gaps).toBe(0);
  });

  test("closes the upstream a linger period after the last viewer leaves", async () => {
    const o = origin({ bitrateBps: 2_000_000 });
    const { hub: h, counters } = hub([source("a", o)]);
    const viewer = await h.join("ch1", "s1", 3000);
    await readFor(viewer.stream, 200);
    expect(counters.upstreamsOpen).toBe(1);
    await Bun.sleep(150);
    expect(h.channels()).toHaveLength(1);
    await Bun.sleep(500);
    expect(h.channels()).toHaveLength(0);
    expect(counters.upstreamsOpen).toBe(0);
    const again = await h.join("ch1", "s1", 3000);
    await readFor(again.stream, 100);
    expect(o.connections).toBe(2);
  });

  test("a viewer joining within the linger period reuses the open upstream", async () => {
    const o = origin({ bitrateBps: 2_000_000 });
    const { hub: h } = hub([source("a", o)]);
    await readFor((await h.join("ch1", "s1", 3000)).stream, 100);
    await Bun.sleep(100);
    const read = await readFor((await h.join("ch1", "s2", 3000)).stream, 100);
    expect(read.bytes).toBeGreaterThan(0);
    expect(o.connections).toBe(1);
  });

  test("fails over to the next source when the upstream stalls", async () => {
    const a = origin({ bitrateBps: 2_000_000, tag: 1 });
    const b = origin({ bitrateBps: 2_000_000, tag: 2 });
    const { hub: h, counters } = hub([source("a", a), source("b", b)]);
    const viewer = await h.join("ch1", "s1", 3000);
    a.stall(true);
    const read = await readFor(viewer.stream, 2500);
    expect(read.tags.has(2)).toBe(true);
    expect(counters.failovers).toBeGreaterThanOrEqual(1);
    expect(h.channels()[0]?.sourceId).toBe("b");
  });

  test("skips a source whose account has no free slot and releases the slot it held on close", async () => {
    const a = origin({ bitrateBps: 1_000_000, tag: 1 });
    const b = origin({ bitrateBps: 1_000_000, tag: 2 });
    const calls: string[] = [];
    const slots: UpstreamSlots = {
      acquire: async (_stream, s) => {
        calls.push(`acquire ${s.id}`);
        return s.accountId !== "full";
      },
      release: (_stream, s) => {
        calls.push(`release ${s.id}`);
      },
    };
    const { hub: h } = hub([source("a", a, "full"), source("b", b, "acct-2")], { slots });
    const read = await readFor((await h.join("ch1", "s1", 3000)).stream, 300);
    expect(read.tags).toEqual(new Set([2]));
    expect(a.connections).toBe(0);
    await h.close();
    expect(calls).toEqual(["acquire a", "acquire b", "release b"]);
  });

  test("refuses to start a channel when no source has a free slot", async () => {
    const a = origin({ bitrateBps: 1_000_000 });
    const slots: UpstreamSlots = { acquire: () => false, release: () => {} };
    const { hub: h } = hub([source("a", a, "full")], { slots });
    const error = await h.join("ch1", "s1", 3000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EdgeError);
    expect((error as EdgeError).code).toBe("no_upstream_slot");
    expect(h.channels()).toHaveLength(0);
  });

  test("backs off from a source that answers and hangs up at once instead of spinning", async () => {
    let connections = 0;
    const packet = new Uint8Array(188 * 20);
    for (let i = 0; i < packet.length; i += 188) packet[i] = 0x47;
    const flaky = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: () => {
        connections += 1;
        return new Response(packet);
      },
    });
    try {
      const { hub: h } = hub([
        { id: "flaky", url: `http://127.0.0.1:${flaky.port}/x.ts`, format: "ts", accountId: null },
      ]);
      const viewer = await h.join("ch1", "s1", 3000);
      await readFor(viewer.stream, 2000);
      // Backoff from 250 ms doubling: a handful of reconnects in 2 s, not hundreds.
      expect(connections).toBeGreaterThanOrEqual(2);
      expect(connections).toBeLessThanOrEqual(12);
    } finally {
      await flaky.stop(true);
    }
  });

  test("ends only the viewers of revoked screen sessions", async () => {
    const o = origin({ bitrateBps: 1_000_000 });
    const { hub: h, counters } = hub([source("a", o)]);
    const keep = await h.join("ch1", "keep", 3000);
    const gone = await h.join("ch1", "gone", 3000);
    expect(h.revoke(new Set(["gone"]))).toBe(1);
    const [kept, revoked] = await Promise.all([readFor(keep.stream, 300), readFor(gone.stream, 300)]);
    expect(revoked.done).toBe(true);
    expect(kept.done).toBe(false);
    expect(kept.bytes).toBeGreaterThan(0);
    expect(counters.viewers).toBe(0);
  });
});
