import { describe, expect, test } from "bun:test";
import { cachedLookup } from "./cached-lookup.ts";
import type { Lookup } from "./resolve-public.ts";

/** A resolver giving a fresh answer per call (10.0.0.<call>), failing for "fail.example"; keeps the names asked. */
function counting(): Lookup & { asked: string[] } {
  const asked: string[] = [];
  const lookup = async (host: string) => {
    asked.push(host);
    await Bun.sleep(1);
    if (host === "fail.example") throw new Error("ENOTFOUND");
    return [{ address: `10.0.0.${asked.length}`, family: 4 as const }];
  };
  return Object.assign(lookup, { asked });
}

describe("cachedLookup", () => {
  test("reuses a host's answer until the TTL passes", async () => {
    let now = 0;
    const inner = counting();
    const lookup = cachedLookup(inner, { ttlMs: 30_000, maxHosts: 10, now: () => now });
    expect(await lookup("cdn.example")).toEqual([{ address: "10.0.0.1", family: 4 }]);
    now = 29_999;
    expect(await lookup("cdn.example")).toEqual([{ address: "10.0.0.1", family: 4 }]);
    now = 30_000;
    expect(await lookup("cdn.example")).toEqual([{ address: "10.0.0.2", family: 4 }]);
    expect(inner.asked).toEqual(["cdn.example", "cdn.example"]);
  });

  test("shares one lookup among concurrent callers", async () => {
    const inner = counting();
    const lookup = cachedLookup(inner, { ttlMs: 30_000, maxHosts: 10 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => lookup("cdn.example")));
    expect(new Set(answers.map((a) => a[0]?.address))).toEqual(new Set(["10.0.0.1"]));
    expect(inner.asked).toHaveLength(1);
  });

  test("does not remember failures", async () => {
    const inner = counting();
    const lookup = cachedLookup(inner, { ttlMs: 30_000, maxHosts: 10 });
    await expect(lookup("fail.example")).rejects.toThrow("ENOTFOUND");
    await expect(lookup("fail.example")).rejects.toThrow("ENOTFOUND");
    expect(inner.asked).toEqual(["fail.example", "fail.example"]);
  });

  test("keeps at most maxHosts hosts, forgetting the oldest", async () => {
    const inner = counting();
    const lookup = cachedLookup(inner, { ttlMs: 30_000, maxHosts: 2 });
    for (const host of ["a.example", "b.example", "c.example", "b.example", "c.example", "a.example"])
      await lookup(host);
    expect(inner.asked).toEqual(["a.example", "b.example", "c.example", "a.example"]);
  });
});
