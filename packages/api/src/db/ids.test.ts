import { describe, expect, test } from "bun:test";
import { newId } from "./ids.ts";

describe("newId", () => {
  test("is 26 URL-safe lowercase characters", () => {
    expect(newId()).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
  });

  test("sorts by creation time as a plain string", async () => {
    const earlier = newId();
    await Bun.sleep(2);
    expect(earlier < newId()).toBe(true);
  });

  test("starts with the current time in milliseconds", () => {
    const prefix = newId().slice(0, 10);
    const ms = [...prefix].reduce((acc, ch) => acc * 32 + "0123456789abcdefghjkmnpqrstvwxyz".indexOf(ch), 0);
    expect(Math.abs(ms - Date.now())).toBeLessThan(1000);
  });

  test("is strictly increasing even when many are made in one millisecond", () => {
    const ids = Array.from({ length: 1000 }, () => newId());
    const sorted = [...ids].sort();
    expect(ids).toEqual(sorted);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("never repeats across many calls", () => {
    const ids = new Set(Array.from({ length: 10000 }, () => newId()));
    expect(ids.size).toBe(10000);
  });
});
