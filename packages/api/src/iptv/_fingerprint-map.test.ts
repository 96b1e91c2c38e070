import { describe, expect, test } from "bun:test";
import { fingerprint } from "./_fingerprint.ts";
import { FingerprintMap } from "./_fingerprint-map.ts";

describe("FingerprintMap", () => {
  test("keeps the first line of every key through many resizes", () => {
    const map = new FingerprintMap();
    const keys = Array.from({ length: 50_000 }, (_, i) => fingerprint(`http://a/${i}`, `Title ${i}`));
    const stored = keys.filter((key, i) => map.firstLine(key, i + 1) === undefined).length;
    expect(stored).toBe(keys.length);
    const found = keys.filter((key, i) => map.firstLine(key, 999_999) === i + 1).length;
    expect(found).toBe(keys.length);
  });

  test("tells apart keys that share a slot, including zero", () => {
    const map = new FingerprintMap();
    const sameSlot = [0, 1, 2, 0x200000 * 4096, 0x200000 * 4096 + 5];
    sameSlot.forEach((key, i) => {
      expect(map.firstLine(key, i + 10)).toBeUndefined();
    });
    sameSlot.forEach((key, i) => {
      expect(map.firstLine(key, 0)).toBe(i + 10);
    });
  });

  test("fingerprints differ when text moves between the two parts", () => {
    expect(fingerprint("ab", "c")).not.toBe(fingerprint("a", "bc"));
    expect(fingerprint("a", "b")).toBe(fingerprint("a", "b"));
    expect(Number.isSafeInteger(fingerprint("x".repeat(1000), "y"))).toBe(true);
  });
});
