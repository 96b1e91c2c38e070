import { describe, expect, test } from "bun:test";
import { AppError } from "../errors/app-error.ts";
import { afterCursor, decodeCursor, encodeCursor, normalizeSort, pageLimit, toPage } from "./cursor.ts";

describe("normalizeSort", () => {
  test("appends _id ascending as the final tie-breaker", () => {
    expect(normalizeSort([["name", -1]])).toEqual([
      ["name", -1],
      ["_id", 1],
    ]);
    expect(normalizeSort(undefined)).toEqual([["_id", 1]]);
  });

  test("stops at an explicit _id and drops repeated keys", () => {
    expect(
      normalizeSort([
        ["a", 1],
        ["a", -1],
        ["_id", -1],
        ["b", 1],
      ]),
    ).toEqual([
      ["a", 1],
      ["_id", -1],
    ]);
  });

  test("rejects unsafe paths and directions", () => {
    expect(() => normalizeSort([["a b", 1]])).toThrow(AppError);
    expect(() => normalizeSort([["a", 0 as 1]])).toThrow(AppError);
  });
});

describe("cursors", () => {
  const sort = normalizeSort([["meta.rank", -1]]);

  test("round-trip the last item's sort values and id", () => {
    const cursor = encodeCursor(sort, { _id: "x1", meta: { rank: 7 } });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(sort, cursor)).toEqual([7, "x1"]);
  });

  test("encode a missing sort value as null", () => {
    expect(decodeCursor(sort, encodeCursor(sort, { _id: "x1" }))).toEqual([null, "x1"]);
  });

  test("reject garbage, tampered values and another sort's cursor as bad_request", () => {
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const cursors = [
      "",
      "%%%",
      "bm90IGpzb24",
      json(null),
      json({ k: "meta.rank:-1,_id:1", v: [7] }),
      json({ k: "meta.rank:-1,_id:1", v: [{ $gt: 1 }, "x"] }),
      json({ k: "meta.rank:-1,_id:1", v: [7, 8] }),
      encodeCursor(normalizeSort([["meta.rank", 1]]), { _id: "x" }),
    ];
    for (const cursor of cursors) {
      expect(() => decodeCursor(sort, cursor)).toThrow(expect.objectContaining({ code: "bad_request" }));
    }
  });

  test("refuse to encode a non-scalar sort value", () => {
    expect(() => encodeCursor(sort, { _id: "x", meta: { rank: [1] } })).toThrow(AppError);
  });
});

describe("afterCursor", () => {
  test("selects later keys, ties broken by _id, nulls last when descending", () => {
    expect(afterCursor(sort(), [7, "x1"])).toEqual({
      $or: [
        { $and: [{ $or: [{ rank: { lt: 7 } }, { rank: { eq: null } }] }] },
        { $and: [{ rank: { eq: 7 } }, { _id: { gt: "x1" } }] },
      ],
    });
  });

  test("after a null ascending only non-null values and ties remain", () => {
    expect(afterCursor(normalizeSort([["rank", 1]]), [null, "x1"])).toEqual({
      $or: [{ $and: [{ rank: { ne: null } }] }, { $and: [{ rank: { eq: null } }, { _id: { gt: "x1" } }] }],
    });
  });

  function sort() {
    return normalizeSort([["rank", -1]]);
  }
});

describe("pageLimit and toPage", () => {
  test("default to 50, cap at 1000 and refuse non-positive or fractional limits", () => {
    expect(pageLimit(undefined)).toBe(50);
    expect(pageLimit(5000)).toBe(1000);
    expect(() => pageLimit(0)).toThrow(AppError);
    expect(() => pageLimit(1.5)).toThrow(AppError);
  });

  test("use the extra row only to tell that a next page exists", () => {
    const sort = normalizeSort([]);
    expect(toPage([{ _id: "a" }], 1, sort)).toEqual({ items: [{ _id: "a" }], nextCursor: null });
    const page = toPage([{ _id: "a" }, { _id: "b" }], 1, sort);
    expect(page.items).toEqual([{ _id: "a" }]);
    expect(decodeCursor(sort, page.nextCursor ?? "")).toEqual(["a"]);
  });
});
