/** Contract: sorting, limits and keyset cursors that page identically on every adapter. */
import { describe, expect, test } from "bun:test";
import { type ContractContext, expectAppErrorFrom, type Thing } from "./_contract-context.ts";
import type { Collection, Filter, Sort } from "./port.ts";

async function collectPages(
  things: Collection<Thing>,
  filter: Filter,
  sort: Sort,
  limit: number,
): Promise<Thing[]> {
  const all: Thing[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await things.find(filter, cursor === undefined ? { sort, limit } : { sort, limit, cursor });
    all.push(...page.items);
    if (page.nextCursor === null) return all;
    expect(page.items.length).toBe(limit);
    cursor = page.nextCursor;
  }
  throw new Error("Paging never ended");
}

/** The order the contract promises: each key in its direction, null first ascending, then `_id`. */
function rank(value: unknown): number {
  if (value === undefined || value === null) return 0;
  return typeof value === "boolean" ? (value ? 2 : 1) : 3;
}

function compare(a: Thing, b: Thing, sort: Sort): number {
  for (const [path, direction] of sort) {
    const x = a[path];
    const y = b[path];
    const byRank = rank(x) - rank(y);
    const diff = byRank !== 0 ? byRank : x === y ? 0 : (x as number) < (y as number) ? -1 : 1;
    if (diff !== 0) return diff * direction;
  }
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

/** 250 documents with many ties, some nulls and some missing sort values. */
function manyDocs(): Array<Record<string, unknown>> {
  return Array.from({ length: 250 }, (_, i) => ({
    i,
    grp: i % 13 === 0 ? null : i % 7,
    label: i % 11 === 0 ? undefined : `L${i % 5}`,
    on: i % 3 === 0,
    even: i % 2 === 0,
  }));
}

export function describePagingContract(ctx: ContractContext): void {
  describe("sort and pagination", () => {
    test("sorts by several keys in mixed directions with _id as the final tie-breaker", async () => {
      const things = await ctx.fresh();
      const docs = await things.insertMany(manyDocs().slice(0, 60));
      const sort: Sort = [
        ["grp", -1],
        ["label", 1],
      ];
      const page = await things.find({}, { sort, limit: 1000 });
      expect(page.items.map((d) => d.i)).toEqual(
        [...docs].sort((a, b) => compare(a, b, sort)).map((d) => d.i),
      );
      expect((await things.findOne({}, { sort }))?.i).toBe(page.items[0]?.i);
    });

    test("limit returns that many items and a cursor; the last page has none", async () => {
      const things = await ctx.fresh();
      await things.insertMany([{ n: 1 }, { n: 2 }, { n: 3 }]);
      const first = await things.find({}, { sort: [["n", 1]], limit: 2 });
      expect(first.items.map((d) => d.n)).toEqual([1, 2]);
      expect(first.nextCursor).toBeString();
      const second = await things.find({}, { sort: [["n", 1]], limit: 2, cursor: first.nextCursor ?? "" });
      expect(second).toEqual({ items: [expect.objectContaining({ n: 3 })], nextCursor: null });
      expect((await things.find({}, { limit: 3 })).nextCursor).toBeNull();
      expect((await things.find({})).items.length).toBe(3);
    });

    const sorts: Array<[string, Sort]> = [
      ["a key with ties and nulls ascending", [["grp", 1]]],
      ["a key with ties and nulls descending", [["grp", -1]]],
      [
        "two keys, one sometimes missing",
        [
          ["label", -1],
          ["grp", 1],
        ],
      ],
      [
        "booleans",
        [
          ["on", -1],
          ["even", 1],
        ],
      ],
      ["_id descending", [["_id", -1]]],
      ["no sort (by _id)", []],
    ];
    for (const [what, sort] of sorts) {
      test(`pages 250 documents by ${what} without duplicates or gaps`, async () => {
        const things = await ctx.fresh();
        const docs = await things.insertMany(manyDocs());
        const paged = await collectPages(things, {}, sort, 17);
        expect(paged.map((d) => d.i)).toEqual([...docs].sort((a, b) => compare(a, b, sort)).map((d) => d.i));
      });
    }

    test("pages with a filter and keeps counting right", async () => {
      const things = await ctx.fresh();
      await things.insertMany(manyDocs());
      const paged = await collectPages(things, { even: true, grp: { ne: null } }, [["grp", 1]], 20);
      expect(paged.length).toBe(await things.count({ even: true, grp: { ne: null } }));
      expect(new Set(paged.map((d) => d._id)).size).toBe(paged.length);
    });

    test("stays stable while later items are inserted between pages", async () => {
      const things = await ctx.fresh();
      const docs = await things.insertMany(Array.from({ length: 30 }, (_, i) => ({ n: i * 10 })));
      const first = await things.find({}, { sort: [["n", 1]], limit: 10 });
      await things.insertMany([{ n: 5 }, { n: 95 }, { n: 95 }, { n: 1000 }]);
      const rest = await collectPages(things, { n: { gt: 90 } }, [["n", 1]], 7);
      const second = await things.find({}, { sort: [["n", 1]], limit: 1000, cursor: first.nextCursor ?? "" });
      const seen = [...first.items, ...second.items].map((d) => d.n);
      expect(seen.filter((n) => n !== 95 && n !== 1000)).toEqual(docs.map((d) => d.n));
      expect(seen).not.toContain(5);
      expect(seen.filter((n) => n === 95).length).toBe(2);
      expect(rest.map((d) => d.n)).toContain(1000);
    });

    test("rejects a garbage cursor, a cursor of another sort and a bad limit", async () => {
      const things = await ctx.fresh();
      await things.insertMany([{ n: 1 }, { n: 2 }]);
      const { nextCursor } = await things.find({}, { sort: [["n", 1]], limit: 1 });
      const cursor = nextCursor ?? "";
      await expectAppErrorFrom(() => things.find({}, { cursor: "not a cursor!" }), "bad_request");
      await expectAppErrorFrom(() => things.find({}, { cursor: "eyJ4IjoxfQ" }), "bad_request");
      await expectAppErrorFrom(() => things.find({}, { sort: [["n", -1]], cursor }), "bad_request");
      await expectAppErrorFrom(() => things.find({}, { limit: 0 }), "bad_request");
      await expectAppErrorFrom(() => things.find({}, { limit: 2.5 }), "bad_request");
      await expectAppErrorFrom(() => things.find({}, { sort: [["bad path", 1]] }), "bad_request");
      expect((await things.find({}, { limit: 5000 })).items.length).toBe(2);
    });
  });
}
