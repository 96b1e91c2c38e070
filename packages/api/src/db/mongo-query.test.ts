import { describe, expect, test } from "bun:test";
import { AppError } from "../errors/app-error.ts";
import { afterCursor, normalizeSort } from "./cursor.ts";
import {
  escapeRegex,
  MATCH_NOTHING,
  mongoFilter,
  mongoIncrement,
  mongoIndexes,
  mongoPatch,
  mongoSort,
} from "./mongo-query.ts";

describe("mongoFilter", () => {
  test("maps a bare value and each operator to its $-operator", () => {
    expect(
      mongoFilter({
        a: 1,
        b: null,
        c: { ne: "x", nin: [1, null] },
        d: { in: [true, "2"] },
        e: { gt: 1, lte: 9 },
        f: { gte: "2024-01-01", lt: "2025-01-01" },
        g: { exists: false },
        "h.i": { eq: false },
      }),
    ).toEqual({
      a: { $eq: 1 },
      b: { $eq: null },
      c: { $ne: "x", $nin: [1, null] },
      d: { $in: [true, "2"] },
      e: { $gt: 1, $lte: 9 },
      f: { $gte: "2024-01-01", $lt: "2025-01-01" },
      g: { $exists: false },
      "h.i": { $eq: false },
    });
  });

  test("turns prefix into an anchored regex with every metacharacter escaped", () => {
    expect(mongoFilter({ s: { prefix: "100%_.*(a)" } })).toEqual({ s: { $regex: "^100%_\\.\\*\\(a\\)" } });
    expect(escapeRegex("a+b?[c]{d}|e^f$g\\h")).toBe("a\\+b\\?\\[c\\]\\{d\\}\\|e\\^f\\$g\\\\h");
    expect(new RegExp(`^${escapeRegex("x.y")}`).test("xzy")).toBe(false);
  });

  test("keeps $or, nests $and and makes an empty $or match nothing", () => {
    expect(mongoFilter({ a: 1, $or: [{ b: 2 }, { c: { exists: true } }] })).toEqual({
      a: { $eq: 1 },
      $or: [{ b: { $eq: 2 } }, { c: { $exists: true } }],
    });
    expect(mongoFilter({ $and: [{ a: 1 }, { a: 2 }] })).toEqual({
      $and: [{ a: { $eq: 1 } }, { a: { $eq: 2 } }],
    });
    expect(mongoFilter({ $or: [] })).toEqual({ $and: [MATCH_NOTHING] });
    expect(mongoFilter({ $and: [], skipped: undefined })).toEqual({});
  });

  test("compiles a cursor position like any other filter", () => {
    const sort = normalizeSort([["rank", -1]]);
    expect(mongoFilter(afterCursor(sort, [7, "x1"]))).toEqual({
      $or: [
        { $and: [{ $or: [{ rank: { $lt: 7 } }, { rank: { $eq: null } }] }] },
        { $and: [{ rank: { $eq: 7 } }, { _id: { $gt: "x1" } }] },
      ],
    });
  });

  test("refuses operator injection, unsafe paths and ill-typed operands", () => {
    const bad = [
      { $where: "sleep(1000)" },
      { "a.$b": 1 },
      { a: { $gt: "" } },
      { a: { gt: true } },
      { a: { in: "x" } },
      { a: { eq: { $ne: 1 } } },
      { a: { prefix: /x/ } },
    ];
    for (const filter of bad) expect(() => mongoFilter(filter as never)).toThrow(AppError);
  });
});

describe("mongoSort", () => {
  test("lists keys in order with _id last", () => {
    const sort = mongoSort(
      normalizeSort([
        ["b", -1],
        ["a", 1],
      ]),
    );
    expect(Object.entries(sort)).toEqual([
      ["b", -1],
      ["a", 1],
      ["_id", 1],
    ]);
  });
});

describe("mongoPatch", () => {
  test("sets given fields, unsets undefined ones and bumps the version", () => {
    expect(mongoPatch({ a: 1, b: null, c: undefined, d: { x: [1] } })).toEqual({
      $inc: { _v: 1 },
      $set: { a: 1, b: null, d: { x: [1] } },
      $unset: { c: "" },
    });
    expect(mongoPatch({})).toEqual({ $inc: { _v: 1 } });
  });

  test("refuses operator keys, dotted keys and store fields", () => {
    for (const key of ["$set", "a.b", "_id", "_v"]) expect(() => mongoPatch({ [key]: 1 })).toThrow(AppError);
  });
});

describe("mongoIncrement", () => {
  test("increments with a numeric-or-missing guard, the where filter and the version bump", () => {
    expect(mongoIncrement("w1", { balance: -5 }, { balance: { gte: 5 } })).toEqual({
      query: {
        $and: [
          { _id: "w1" },
          { $or: [{ balance: { $exists: false } }, { balance: { $type: "number" } }] },
          { balance: { $gte: 5 } },
        ],
      },
      update: { $inc: { balance: -5, _v: 1 } },
    });
  });

  test("refuses store fields and non-finite deltas", () => {
    expect(() => mongoIncrement("w1", { _v: 1 }, {})).toThrow(AppError);
    expect(() => mongoIncrement("w1", { n: Number.POSITIVE_INFINITY }, {})).toThrow(AppError);
  });
});

describe("mongoIndexes", () => {
  test("names indexes like the SQLite adapter and makes unique ones skip null and missing", () => {
    const indexes = mongoIndexes({
      name: "channels",
      indexes: [
        {
          fields: [
            ["storeId", 1],
            ["slug", 1],
          ],
          unique: true,
        },
        { fields: [["createdAt", -1]] },
      ],
    });
    expect(indexes).toEqual([
      {
        key: { storeId: 1, slug: 1 },
        name: "ux_channels_storeId_1_slug_1",
        unique: true,
        partialFilterExpression: {
          storeId: { $type: ["string", "number", "bool"] },
          slug: { $type: ["string", "number", "bool"] },
        },
      },
      { key: { createdAt: -1 }, name: "ix_channels_createdAt_-1" },
    ]);
  });
});
