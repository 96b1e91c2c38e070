import { describe, expect, test } from "bun:test";
import { backoffMs } from "./_backoff.ts";

describe("backoffMs", () => {
  const at = (random: number) => ({ baseMs: 1000, maxMs: 60_000, random: () => random });

  test("doubles the window with each attempt", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, at(0.999999)))).toEqual([1000, 2000, 4000, 8000]);
  });

  test("jitters within the upper half of the window", () => {
    expect(backoffMs(3, at(0))).toBe(2000);
    expect(backoffMs(3, at(0.5))).toBe(3000);
  });

  test("caps the window at maxMs, even for huge attempt counts", () => {
    expect(backoffMs(50, at(0.999999))).toBe(60_000);
    expect(backoffMs(10_000, at(0))).toBe(30_000);
  });
});
