/** Contract: every filter operator, with the type-strict, MongoDB-like semantics of port.ts. */
import { beforeAll, describe, expect, test } from "bun:test";
import { type ContractContext, expectAppErrorFrom, type Thing } from "./_contract-context.ts";
import type { Collection, Filter } from "./port.ts";

/** Five documents chosen to tell numbers from strings, booleans from 1, null from missing. */
const FIXTURE = [
  {
    name: "a",
    n: 1,
    flag: true,
    maybe: null,
    s: "x",
    when: "2024-01-01T00:00:00.000Z",
    deep: { v: { w: 1 } },
  },
  { name: "b", n: 2, flag: false, s: "y", when: "2024-06-01T12:00:00.000Z", deep: { v: { w: 2 } } },
  {
    name: "c",
    n: "2",
    flag: 1,
    maybe: 0,
    s: "100%_off",
    when: "2025-01-01T00:00:00.000Z",
    deep: { v: { w: 3 } },
  },
  { name: "d", n: 10, maybe: "", s: "100abc", when: "2023-12-31T23:59:59.999Z", deep: { v: null } },
  { name: "e", n: 2.5, maybe: false, s: "Xyz", deep: "flat" },
];

export function describeFilterContract(ctx: ContractContext): void {
  describe("filters", () => {
    let things: Collection<Thing>;
    beforeAll(async () => {
      things = await ctx.fresh([{ fields: [["n", 1]] }, { fields: [["deep.v.w", 1]] }]);
      await things.insertMany(FIXTURE);
    });
    const names = async (filter: Filter): Promise<string> => {
      const page = await things.find(filter, { sort: [["name", 1]] });
      return page.items.map((doc) => doc.name).join("");
    };

    test("a bare value and eq match the same type only", async () => {
      expect(await names({ n: 2 })).toBe("b");
      expect(await names({ n: { eq: "2" } })).toBe("c");
      expect(await names({ flag: true })).toBe("a");
      expect(await names({ flag: 1 })).toBe("c");
      expect(await names({ flag: { eq: false } })).toBe("b");
      expect(await names({ maybe: 0 })).toBe("c");
      expect(await names({ maybe: "" })).toBe("d");
    });

    test("eq null matches null and missing, exists false only missing", async () => {
      expect(await names({ maybe: null })).toBe("ab");
      expect(await names({ maybe: { eq: null } })).toBe("ab");
      expect(await names({ maybe: { exists: false } })).toBe("b");
      expect(await names({ maybe: { exists: true } })).toBe("acde");
      expect(await names({ flag: { exists: false } })).toBe("de");
    });

    test("ne and nin also match missing fields; ne null means present and not null", async () => {
      expect(await names({ n: { ne: 2 } })).toBe("acde");
      expect(await names({ maybe: { ne: null } })).toBe("cde");
      expect(await names({ flag: { ne: true } })).toBe("bcde");
      expect(await names({ n: { nin: [1, 2] } })).toBe("cde");
      expect(await names({ maybe: { nin: [null, 0] } })).toBe("de");
      expect(await names({ n: { nin: [] } })).toBe("abcde");
    });

    test("in matches any listed value with type-strict equality", async () => {
      expect(await names({ n: { in: [1, "2"] } })).toBe("ac");
      expect(await names({ maybe: { in: [null, false] } })).toBe("abe");
      expect(await names({ _id: { in: [] } })).toBe("");
    });

    test("range operators compare numbers with numbers only", async () => {
      expect(await names({ n: { gt: 1 } })).toBe("bde");
      expect(await names({ n: { gte: 2, lt: 10 } })).toBe("be");
      expect(await names({ n: { lte: 2 } })).toBe("ab");
      expect(await names({ n: { gt: 1.5, lte: 2.5 } })).toBe("be");
    });

    test("range operators compare ISO dates and strings with strings only", async () => {
      expect(await names({ when: { gte: "2024-01-01T00:00:00.000Z" } })).toBe("abc");
      expect(await names({ when: { lt: "2024-06-01T12:00:00.000Z" } })).toBe("ad");
      expect(await names({ when: { gt: "2024", lte: "2024-12-31" } })).toBe("ab");
      expect(await names({ name: { gt: "c" } })).toBe("de");
      expect(await names({ n: { gte: "0" } })).toBe("c");
    });

    test("prefix is a case-sensitive literal match where % and _ are no wildcards", async () => {
      expect(await names({ s: { prefix: "100" } })).toBe("cd");
      expect(await names({ s: { prefix: "100%" } })).toBe("c");
      expect(await names({ s: { prefix: "100%_" } })).toBe("c");
      expect(await names({ s: { prefix: "100_" } })).toBe("");
      expect(await names({ s: { prefix: "1_0" } })).toBe("");
      expect(await names({ s: { prefix: "x" } })).toBe("a");
      expect(await names({ s: { prefix: "X" } })).toBe("e");
      expect(await names({ s: { prefix: ".*" } })).toBe("");
      expect(await names({ n: { prefix: "2" } })).toBe("c");
    });

    test("dotted paths reach nested fields", async () => {
      expect(await names({ "deep.v.w": { gte: 2 } })).toBe("bc");
      expect(await names({ "deep.v.w": null })).toBe("de");
      expect(await names({ "deep.v": null })).toBe("de");
      expect(await names({ "deep.v": { exists: false } })).toBe("e");
    });

    test("$or takes alternatives and combines with the other entries by AND", async () => {
      expect(await names({ $or: [{ name: "a" }, { n: { gt: 5 } }] })).toBe("ad");
      expect(await names({ flag: { exists: true }, $or: [{ n: 1 }, { n: "2" }, { n: 10 }] })).toBe("ac");
      expect(await names({ $or: [] })).toBe("");
      expect(await names({ $or: [{ $or: [{ name: "e" }] }, { $and: [{ n: 2 }, { flag: false }] }] })).toBe(
        "be",
      );
    });

    test("$and nests filters, and entries set to undefined are ignored", async () => {
      expect(await names({ $and: [{ n: { gte: 2 } }, { n: { lt: 10 } }] })).toBe("be");
      expect(await names({ $and: [] })).toBe("abcde");
      expect(await names({ name: undefined })).toBe("abcde");
      expect(await names({})).toBe("abcde");
    });

    test("filters on _id and _v use the stored id and version", async () => {
      const a = await things.findOne({ name: "a" });
      expect(await names({ _id: a?._id ?? "" })).toBe("a");
      expect(await names({ _id: { ne: a?._id ?? "" }, _v: 1 })).toBe("bcde");
    });

    test("count applies the filter", async () => {
      expect(await things.count()).toBe(5);
      expect(await things.count({ n: { gt: 1 } })).toBe(3);
    });

    test("rejects unsafe field paths, unknown operators and ill-typed operands", async () => {
      const bad: Filter[] = [
        { "name') OR 1=1 --": "x" },
        { "a..b": 1 },
        { "1abc": 1 },
        { $where: "1" },
        { n: { regex: ".*" } as never },
        { n: { gt: true } as never },
        { n: { in: "1" } as never },
        { n: { prefix: 1 } as never },
        { n: [1, 2] as never },
        { $or: "nope" as never },
        { n: Number.NaN },
      ];
      for (const filter of bad) await expectAppErrorFrom(() => things.find(filter), "bad_request");
      await expectAppErrorFrom(() => things.count({ "x y": 1 }), "bad_request");
    });
  });
}
