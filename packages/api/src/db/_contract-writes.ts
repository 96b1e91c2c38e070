/** Contract: patches, optimistic versions, atomic increments and claims. */
import { describe, expect, test } from "bun:test";
import { type ContractContext, expectAppError, expectAppErrorFrom } from "./_contract-context.ts";

export function describeWriteContract(ctx: ContractContext): void {
  describe("update", () => {
    test("replaces listed top-level fields, removes undefined ones and bumps the version", async () => {
      const things = await ctx.fresh();
      const doc = await things.insert({ a: 1, b: { x: 1, y: 2 }, c: "keep", d: "drop" });
      const updated = await things.update(doc._id, { a: 2, b: { x: 9 }, d: undefined, e: null });
      expect(updated).toEqual({ _id: doc._id, _v: 2, a: 2, b: { x: 9 }, c: "keep", e: null });
      expect(await things.get(doc._id)).toEqual(updated);
    });

    test("returns null for an unknown id", async () => {
      const things = await ctx.fresh();
      expect(await things.update("missing", { a: 1 })).toBeNull();
      expect(await things.update("missing", { a: 1 }, { expectVersion: 1 })).toBeNull();
    });

    test("applies when expectVersion matches and is a version_conflict when it does not", async () => {
      const things = await ctx.fresh();
      const doc = await things.insert({ a: 1 });
      expect((await things.update(doc._id, { a: 2 }, { expectVersion: 1 }))?._v).toBe(2);
      const error = await expectAppError(
        things.update(doc._id, { a: 3 }, { expectVersion: 1 }),
        "version_conflict",
      );
      expect(error.details).toMatchObject({ id: doc._id, expected: 1, actual: 2 });
      expect((await things.get(doc._id))?.a).toBe(2);
    });

    test("refuses patch keys that are not plain field names", async () => {
      const things = await ctx.fresh();
      const doc = await things.insert({ a: 1 });
      await expectAppErrorFrom(() => things.update(doc._id, { "a.b": 1 }), "bad_request");
      await expectAppErrorFrom(() => things.update(doc._id, { "x'); DROP TABLE t; --": 1 }), "bad_request");
    });

    test("updateMany patches every match, bumps versions and returns the count", async () => {
      const things = await ctx.fresh();
      await things.insertMany([{ g: 1 }, { g: 1 }, { g: 2 }]);
      expect(await things.updateMany({ g: 1 }, { seen: true })).toBe(2);
      expect(await things.count({ seen: true, _v: 2 })).toBe(2);
      expect(await things.count({ seen: { exists: false }, _v: 1 })).toBe(1);
    });
  });

  describe("increment", () => {
    test("adds deltas, treats a missing field as 0 and reaches nested paths", async () => {
      const things = await ctx.fresh();
      const doc = await things.insert({ plays: 2, stats: { views: 1 } });
      const after = await things.increment(doc._id, { plays: 3, skips: -1, "stats.views": 10 });
      expect(after).toMatchObject({ plays: 5, skips: -1, stats: { views: 11 }, _v: 2 });
      expect(await things.increment("missing", { plays: 1 })).toBeNull();
    });

    test("applies only while `where` holds (balance ≥ 5)", async () => {
      const things = await ctx.fresh();
      const wallet = await things.insert({ balance: 12 });
      const spend = () => things.increment(wallet._id, { balance: -5 }, { where: { balance: { gte: 5 } } });
      expect((await spend())?.balance).toBe(7);
      expect((await spend())?.balance).toBe(2);
      expect(await spend()).toBeNull();
      expect((await things.get(wallet._id))?.balance).toBe(2);
    });

    test("50 concurrent decrements never take a balance below zero", async () => {
      const things = await ctx.fresh();
      const wallet = await things.insert({ balance: 20 });
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          things.increment(wallet._id, { balance: -1 }, { where: { balance: { gte: 1 } } }),
        ),
      );
      expect(results.filter((r) => r !== null).length).toBe(20);
      expect(await things.get(wallet._id)).toMatchObject({ balance: 0, _v: 21 });
    });

    test("does not match a field that holds a non-number and refuses bad deltas", async () => {
      const things = await ctx.fresh();
      const doc = await things.insert({ label: "x" });
      expect(await things.increment(doc._id, { label: 1 })).toBeNull();
      await expectAppErrorFrom(() => things.increment(doc._id, { _v: 1 }), "bad_request");
      await expectAppErrorFrom(() => things.increment(doc._id, { n: Number.NaN }), "bad_request");
    });
  });

  describe("findOneAndUpdate", () => {
    test("updates the first match by sort and returns the new document", async () => {
      const things = await ctx.fresh();
      await things.insertMany([
        { p: 3, free: true },
        { p: 1, free: true },
        { p: 2, free: true },
      ]);
      const claimed = await things.findOneAndUpdate({ free: true }, { free: false }, { sort: [["p", 1]] });
      expect(claimed).toMatchObject({ p: 1, free: false, _v: 2 });
      const last = await things.findOneAndUpdate({ free: true }, { free: false }, { sort: [["p", -1]] });
      expect(last?.p).toBe(3);
      expect(await things.findOneAndUpdate({ free: "never" }, { free: false })).toBeNull();
    });

    test("two concurrent claimers never get the same document", async () => {
      const things = await ctx.fresh();
      await things.insertMany(Array.from({ length: 10 }, (_, i) => ({ i, owner: null })));
      const claims = await Promise.all(
        Array.from({ length: 30 }, (_, worker) =>
          things.findOneAndUpdate({ owner: null }, { owner: `w${worker}` }, { sort: [["i", 1]] }),
        ),
      );
      const won = claims.filter((c) => c !== null);
      expect(won.length).toBe(10);
      expect(new Set(won.map((c) => c?._id)).size).toBe(10);
      expect(await things.count({ owner: null })).toBe(0);
    });
  });
}
