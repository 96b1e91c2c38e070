import { describe, expect, test } from "bun:test";
import { parseByteRange } from "./byte-range.ts";

describe("parsing a Range header", () => {
  test("reads closed, open-ended and suffix ranges", () => {
    expect(parseByteRange("bytes=0-99", 1000)).toEqual({ start: 0, end: 99 });
    expect(parseByteRange("bytes=900-", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseByteRange("bytes=-100", 1000)).toEqual({ start: 900, end: 999 });
  });

  test("clamps an end past the file and a suffix longer than it", () => {
    expect(parseByteRange("bytes=990-5000", 1000)).toEqual({ start: 990, end: 999 });
    expect(parseByteRange("bytes=-5000", 1000)).toEqual({ start: 0, end: 999 });
  });

  test("answers only the first of several ranges", () => {
    expect(parseByteRange("bytes=0-9, 20-29", 1000)).toEqual({ start: 0, end: 9 });
  });

  test("calls a start past the end unsatisfiable", () => {
    expect(parseByteRange("bytes=1000-", 1000)).toBe("unsatisfiable");
    expect(parseByteRange("bytes=-0", 1000)).toBe("unsatisfiable");
  });

  test("ignores absent, malformed and backwards ranges", () => {
    expect(parseByteRange(null, 1000)).toBeUndefined();
    expect(parseByteRange("items=0-9", 1000)).toBeUndefined();
    expect(parseByteRange("bytes=-", 1000)).toBeUndefined();
    expect(parseByteRange("bytes=50-10", 1000)).toBeUndefined();
  });
});
