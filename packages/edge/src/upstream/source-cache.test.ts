import { describe, expect, test } from "bun:test";
import { EdgeError } from "../errors/edge-error.ts";
import type { Source } from "./source.ts";
import { createSourceCache } from "./source-cache.ts";

const source: Source = { id: "s", url: "http://o.test/a.ts", format: "ts", accountId: null };

describe("source cache", () => {
  test("shares one lookup among concurrent callers and reuses it within the TTL", async () => {
    let now = 0;
    let calls = 0;
    const cached = createSourceCache(
      async () => {
        calls += 1;
        await Bun.sleep(10);
        return [source];
      },
      { ttlMs: 1000, now: () => now },
    );
    await Promise.all(Array.from({ length: 20 }, () => cached("live", "1")));
    now = 999;
    await cached("live", "1");
    expect(calls).toBe(1);
    now = 1000;
    await cached("live", "1");
    expect(calls).toBe(2);
    await cached("vod", "1");
    expect(calls).toBe(3);
  });

  test("remembers a failed lookup briefly and reports it as sources_unavailable", async () => {
    let now = 0;
    let calls = 0;
    const cached = createSourceCache(
      async () => {
        calls += 1;
        throw new Error("API down");
      },
      { ttlMs: 30_000, failureTtlMs: 2000, now: () => now },
    );
    const error = await cached("live", "1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EdgeError);
    expect((error as EdgeError).code).toBe("sources_unavailable");
    await cached("live", "1").catch(() => {});
    expect(calls).toBe(1);
    now = 2001;
    await cached("live", "1").catch(() => {});
    expect(calls).toBe(2);
  });
});
