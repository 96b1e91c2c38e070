import { describe, expect, test } from "bun:test";
import { parseRevocations } from "./revoke.ts";

describe("revocation messages", () => {
  test("keeps well-formed entries and drops everything else", () => {
    expect(
      parseRevocations(
        JSON.stringify([{ sid: "a", upTo: 5 }, { sid: 1 }, null, { sid: "b", upTo: 7, x: 1 }]),
      ),
    ).toEqual([
      { sid: "a", upTo: 5 },
      { sid: "b", upTo: 7 },
    ]);
    expect(parseRevocations("not json")).toEqual([]);
    expect(parseRevocations(JSON.stringify({ sid: "a", upTo: 1 }))).toEqual([]);
  });
});
