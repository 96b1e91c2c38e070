import { describe, expect, test } from "bun:test";
import {
  readPcrBase,
  readTimestamp,
  TIMESTAMP_MODULO,
  wrapTimestamp,
  writePcrBase,
  writeTimestamp,
} from "./ts-packet.ts";

describe("MPEG-TS timestamp fields", () => {
  test("a PTS written and read back keeps every one of its 33 bits and the field's prefix", () => {
    for (const value of [0, 1, 126_000, 2 ** 30 - 1, 2 ** 30, 2 ** 32 + 12_345, TIMESTAMP_MODULO - 1]) {
      const field = new Uint8Array([0x31, 0, 0, 0, 0]);
      writeTimestamp(field, 0, value);
      expect(readTimestamp(field, 0)).toBe(value);
      expect((field[0] ?? 0) >> 4).toBe(0x3);
      expect([(field[0] ?? 0) & 1, (field[2] ?? 0) & 1, (field[4] ?? 0) & 1]).toEqual([1, 1, 1]);
    }
  });

  test("a PTS past 2^33 wraps around to the start", () => {
    const field = new Uint8Array(5);
    writeTimestamp(field, 0, TIMESTAMP_MODULO + 42);
    expect(readTimestamp(field, 0)).toBe(42);
    expect(wrapTimestamp(-1)).toBe(TIMESTAMP_MODULO - 1);
  });

  test("a PCR base is rewritten without touching the reserved bits or the 27 MHz extension", () => {
    const field = new Uint8Array([0, 0, 0, 0, 0x7f, 0xab]);
    field[4] = 0x7e | 0x01;
    writePcrBase(field, 0, TIMESTAMP_MODULO - 3);
    expect(readPcrBase(field, 0)).toBe(TIMESTAMP_MODULO - 3);
    expect((field[4] ?? 0) & 0x7f).toBe(0x7f);
    expect(field[5]).toBe(0xab);
  });
});
