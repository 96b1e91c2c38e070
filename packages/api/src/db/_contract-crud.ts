/** Contract: inserting, reading, unique indexes, deleting and migrating. */
import { describe, expect, test } from "bun:test";
import { type ContractContext, expectAppError } from "./_contract-context.ts";

const EMAIL_UNIQUE = [{ fields: [["email", 1]] as const, unique: true }];
const SLUG_PER_TENANT = [
  {
    fields: [
      ["tenant", 1],
      ["slug", 1],
    ] as const,
    unique: true,
  },
];

export function describeCrudContract(ctx: ContractContext): void {
  describe("insert and get", () => {
    test("insert assigns a sortable id and version 1 and get returns the same document", async () => {
      const things = await ctx.fresh();
      const doc = {
        name: "Ada",
        tags: ["a", "b"],
        nested: { on: true, off: false, none: null },
        ratio: 0.25,
      };
      const stored = await things.insert({ ...doc, text: "žluťoučký 🎬" });
      expect(stored._id).toMatch(/^[0-9a-z]{26}$/);
      expect(stored._v).toBe(1);
      expect(await things.get(stored._id)).toEqual(stored);
      expect(stored).toMatchObject(doc);
    });

    test("insert keeps a caller-chosen id", async () => {
      const things = await ctx.fresh();
      const stored = await things.insert({ _id: "custom-id", name: "x" });
      expect(stored._id).toBe("custom-id");
      expect((await things.get("custom-id"))?.name).toBe("x");
    });

    test("get returns null for an unknown id", async () => {
      const things = await ctx.fresh();
      expect(await things.get("nope")).toBeNull();
    });

    test("insert drops undefined fields instead of storing them", async () => {
      const things = await ctx.fresh();
      const stored = await things.insert({ name: "x", gone: undefined });
      expect(Object.keys((await things.get(stored._id)) ?? {})).not.toContain("gone");
    });
  });

  describe("unique indexes", () => {
    test("a repeated id is a duplicate", async () => {
      const things = await ctx.fresh();
      await things.insert({ _id: "same" });
      const error = await expectAppError(things.insert({ _id: "same" }), "duplicate");
      expect(error.details).toMatchObject({ collection: things.name, fields: ["_id"] });
    });

    test("a unique index rejects a second document with the same value and names the field", async () => {
      const things = await ctx.fresh(EMAIL_UNIQUE);
      await things.insert({ email: "a@example.com" });
      const error = await expectAppError(things.insert({ email: "a@example.com" }), "duplicate");
      expect(error.details).toEqual({ collection: things.name, fields: ["email"] });
      expect(await things.count()).toBe(1);
    });

    test("a unique index ignores documents where the field is missing or null", async () => {
      const things = await ctx.fresh(EMAIL_UNIQUE);
      await things.insert({ name: "no email" });
      await things.insert({ name: "no email either" });
      await things.insert({ email: null });
      await things.insert({ email: null });
      expect(await things.count()).toBe(4);
    });

    test("a compound unique index rejects only the same combination", async () => {
      const things = await ctx.fresh(SLUG_PER_TENANT);
      await things.insert({ tenant: "t1", slug: "news" });
      await things.insert({ tenant: "t2", slug: "news" });
      await things.insert({ tenant: "t1", slug: "sport" });
      const error = await expectAppError(things.insert({ tenant: "t1", slug: "news" }), "duplicate");
      expect(error.details).toEqual({ collection: things.name, fields: ["tenant", "slug"] });
    });

    test("an update that would break a unique index is a duplicate and changes nothing", async () => {
      const things = await ctx.fresh(EMAIL_UNIQUE);
      await things.insert({ email: "a@example.com" });
      const b = await things.insert({ email: "b@example.com" });
      await expectAppError(things.update(b._id, { email: "a@example.com" }), "duplicate");
      expect((await things.get(b._id))?.email).toBe("b@example.com");
    });
  });

  describe("insertMany", () => {
    test("inserts every document and returns them in order", async () => {
      const things = await ctx.fresh();
      const stored = await things.insertMany([{ n: 1 }, { n: 2 }, { n: 3 }]);
      expect(stored.map((d) => d.n)).toEqual([1, 2, 3]);
      expect(stored.every((d) => d._v === 1)).toBe(true);
      expect(await things.count()).toBe(3);
    });

    test("inserts nothing when one document of the batch is a duplicate of another", async () => {
      const things = await ctx.fresh(EMAIL_UNIQUE);
      const batch = [{ email: "a@x" }, { email: "b@x" }, { email: "a@x" }];
      await expectAppError(things.insertMany(batch), "duplicate");
      expect(await things.count()).toBe(0);
    });

    test("inserts nothing when one document clashes with a stored one", async () => {
      const things = await ctx.fresh(EMAIL_UNIQUE);
      await things.insert({ email: "c@x" });
      await expectAppError(things.insertMany([{ email: "a@x" }, { email: "c@x" }]), "duplicate");
      expect(await things.count()).toBe(1);
    });

    test("accepts an empty batch", async () => {
      const things = await ctx.fresh();
      expect(await things.insertMany([])).toEqual([]);
    });
  });

  describe("delete", () => {
    test("delete removes one document and says whether it existed", async () => {
      const things = await ctx.fresh();
      const doc = await things.insert({ n: 1 });
      expect(await things.delete(doc._id)).toBe(true);
      expect(await things.delete(doc._id)).toBe(false);
      expect(await things.get(doc._id)).toBeNull();
    });

    test("deleteMany removes every match and returns how many", async () => {
      const things = await ctx.fresh();
      await things.insertMany([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
      expect(await things.deleteMany({ n: { gte: 3 } })).toBe(2);
      expect(await things.count()).toBe(2);
      expect(await things.deleteMany({ n: { gte: 3 } })).toBe(0);
    });
  });

  describe("migrate", () => {
    test("is idempotent and keeps data and unique indexes", async () => {
      const things = await ctx.fresh(EMAIL_UNIQUE);
      await things.insert({ email: "a@x" });
      const def = { name: things.name, indexes: EMAIL_UNIQUE };
      await ctx.store().migrate([def]);
      await ctx.store().migrate([def, def]);
      expect(await things.count()).toBe(1);
      await expectAppError(things.insert({ email: "a@x" }), "duplicate");
    });

    test("ping succeeds on an open store", async () => {
      await ctx.store().ping();
    });
  });
}
