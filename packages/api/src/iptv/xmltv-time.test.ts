import { describe, expect, test } from "bun:test";
import { parseXmltvTime, xmltvTimeReader } from "./xmltv-time.ts";

const iso = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : new Date(ms).toISOString();

describe("XMLTV times", () => {
  test("applies explicit offsets east and west of UTC, with or without a colon or space", () => {
    expect(iso(parseXmltvTime("20240101120000 +0100"))).toBe("2024-01-01T11:00:00.000Z");
    expect(iso(parseXmltvTime("20240101120000 -0530"))).toBe("2024-01-01T17:30:00.000Z");
    expect(iso(parseXmltvTime("20240101003000 +0530"))).toBe("2023-12-31T19:00:00.000Z");
    expect(iso(parseXmltvTime("20240101120000+01:00"))).toBe("2024-01-01T11:00:00.000Z");
    expect(iso(parseXmltvTime("20240101120000 +01"))).toBe("2024-01-01T11:00:00.000Z");
    expect(iso(parseXmltvTime("20240101120000 Z"))).toBe("2024-01-01T12:00:00.000Z");
    expect(iso(parseXmltvTime("20240101120000 UTC", 60))).toBe("2024-01-01T12:00:00.000Z");
  });

  test("uses the configured default offset when a time has none", () => {
    expect(iso(parseXmltvTime("20240101120000"))).toBe("2024-01-01T12:00:00.000Z");
    expect(iso(parseXmltvTime("20240101120000", 60))).toBe("2024-01-01T11:00:00.000Z");
    expect(iso(parseXmltvTime("20240101120000", -300))).toBe("2024-01-01T17:00:00.000Z");
  });

  test("reads the truncated forms the DTD allows", () => {
    expect(iso(parseXmltvTime("202401011230 +0100"))).toBe("2024-01-01T11:30:00.000Z");
    expect(iso(parseXmltvTime("2024010112"))).toBe("2024-01-01T12:00:00.000Z");
    expect(iso(parseXmltvTime("20240101"))).toBe("2024-01-01T00:00:00.000Z");
  });

  test("treats offsets literally across a DST change, as the guide wrote them", () => {
    // Europe/Paris switched from +0100 to +0200 at 2024-03-31T01:00Z.
    expect(iso(parseXmltvTime("20240331015959 +0100"))).toBe("2024-03-31T00:59:59.000Z");
    expect(iso(parseXmltvTime("20240331030000 +0200"))).toBe("2024-03-31T01:00:00.000Z");
    expect(iso(parseXmltvTime("20241027025959 +0200"))).toBe("2024-10-27T00:59:59.000Z");
    expect(iso(parseXmltvTime("20241027020000 +0100"))).toBe("2024-10-27T01:00:00.000Z");
  });

  test("follows an IANA default zone's daylight saving time for times with no offset", () => {
    const london = xmltvTimeReader("Europe/London");
    expect(iso(london("20240115120000"))).toBe("2024-01-15T12:00:00.000Z");
    expect(iso(london("20240715120000"))).toBe("2024-07-15T11:00:00.000Z");
    expect(iso(london("20240331003000"))).toBe("2024-03-31T00:30:00.000Z");
    expect(iso(london("20240331023000"))).toBe("2024-03-31T01:30:00.000Z");
    // 01:30 does not exist that night: read with the offset from before the change.
    expect(iso(london("20240331013000"))).toBe("2024-03-31T01:30:00.000Z");
    // 01:30 happens twice on 27 October: read as standard time.
    expect(iso(london("20241027013000"))).toBe("2024-10-27T01:30:00.000Z");
    expect(iso(london("20241027003000"))).toBe("2024-10-26T23:30:00.000Z");
    const kolkata = xmltvTimeReader("Asia/Kolkata");
    expect(iso(kolkata("20240101120000"))).toBe("2024-01-01T06:30:00.000Z");
    expect(iso(kolkata("20240101120000 +0000"))).toBe("2024-01-01T12:00:00.000Z");
  });

  test("rejects impossible dates and garbage", () => {
    for (const text of [
      "",
      "garbage",
      "2024",
      "20240230120000",
      "20231301000000",
      "20240101240000",
      "20240101126000",
      "20240101120000 +2500",
      "20240101120000 0100",
    ]) {
      expect(parseXmltvTime(text)).toBeUndefined();
    }
    expect(iso(parseXmltvTime("20240229120000"))).toBe("2024-02-29T12:00:00.000Z");
    expect(iso(parseXmltvTime("20000229000000"))).toBe("2000-02-29T00:00:00.000Z");
    expect(parseXmltvTime("21000229000000")).toBeUndefined();
    expect(parseXmltvTime("20230229000000")).toBeUndefined();
    expect(parseXmltvTime("20240431000000")).toBeUndefined();
  });

  test("refuses an unknown zone name up front", () => {
    expect(() => xmltvTimeReader("Mars/Olympus_Mons")).toThrow(RangeError);
  });
});
