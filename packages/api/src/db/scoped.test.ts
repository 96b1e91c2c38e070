import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { expectAppError, expectAppErrorFrom } from "./_contract-context.ts";
import type { BaseDoc, Collection } from "./port.ts";
import { scoped } from "./scoped.ts";
import { SqliteStore } from "./sqlite.ts";

interface Channel extends BaseDoc {
  storeId: string;
  name: string;
  plays?: number;
}

const store = new SqliteStore(":memory:");
const def = {
  name: "channels",
  indexes: [
    {
      fields: [
        ["storeId", 1],
        ["name", 1],
      ] as const,
      unique: true,
    },
  ],
};
afterAll(() => store.close());

let all: Collection<Channel>;
let mine: Collection<Channel>;
let theirs: Collection<Channel>;
let theirDoc: Channel;

beforeEach(async () => {
  await store.migrate([def]);
  all = store.collection<Channel>(def);
  await all.deleteMany({});
  mine = scoped(all, "s1");
  theirs = scoped(all, "s2");
  theirDoc = await theirs.insert({ name: "theirs", plays: 1 } as Channel);
});

describe("scoped", () => {
  test("stamps inserts with the store id and refuses another one", async () => {
    const doc = await mine.insert({ name: "one" } as Channel);
    expect(doc.storeId).toBe("s1");
    const [a] = await mine.insertMany([{ name: "two", storeId: "s1" }]);
    expect(a?.storeId).toBe("s1");
    await expectAppErrorFrom(() => mine.insert({ name: "x", storeId: "s2" }), "forbidden");
    await expectAppErrorFrom(() => mine.insertMany([{ name: "y", storeId: "s2" }]), "forbidden");
    expect(await all.count({ name: { in: ["x", "y"] } })).toBe(0);
  });

  test("get returns null for another store's document", async () => {
    expect(await mine.get(theirDoc._id)).toBeNull();
    expect(await theirs.get(theirDoc._id)).toEqual(theirDoc);
  });

  test("reads and counts only the store's documents, whatever the filter says", async () => {
    await mine.insert({ name: "mine" } as Channel);
    expect((await mine.find({})).items.map((d) => d.name)).toEqual(["mine"]);
    expect(await mine.find({ storeId: "s2" })).toEqual({ items: [], nextCursor: null });
    expect(await mine.findOne({ name: "theirs" })).toBeNull();
    expect(await mine.count()).toBe(1);
    expect(await mine.count({ $or: [{ name: "theirs" }, { storeId: "s2" }] })).toBe(0);
  });

  test("cannot update, increment, claim or delete another store's document", async () => {
    expect(await mine.update(theirDoc._id, { name: "stolen" })).toBeNull();
    expect(await mine.update(theirDoc._id, { name: "stolen" }, { expectVersion: 1 })).toBeNull();
    expect(await mine.increment(theirDoc._id, { plays: 1 })).toBeNull();
    expect(await mine.findOneAndUpdate({ _id: theirDoc._id }, { name: "stolen" })).toBeNull();
    expect(await mine.updateMany({}, { name: "stolen" })).toBe(0);
    expect(await mine.delete(theirDoc._id)).toBe(false);
    expect(await mine.deleteMany({})).toBe(0);
    expect(await all.get(theirDoc._id)).toEqual(theirDoc);
  });

  test("updates its own documents with version checks", async () => {
    const doc = await mine.insert({ name: "one" } as Channel);
    expect((await mine.update(doc._id, { name: "uno" }, { expectVersion: 1 }))?.name).toBe("uno");
    await expectAppError(mine.update(doc._id, { name: "eins" }, { expectVersion: 1 }), "version_conflict");
    expect((await mine.increment(doc._id, { plays: 2 }, { where: { name: "uno" } }))?.plays).toBe(2);
    expect(await mine.delete(doc._id)).toBe(true);
  });

  test("refuses a patch that would move a document to another store", async () => {
    const doc = await mine.insert({ name: "one" } as Channel);
    await expectAppErrorFrom(() => mine.update(doc._id, { storeId: "s2" }), "forbidden");
    await expectAppErrorFrom(() => mine.updateMany({}, { storeId: undefined }), "forbidden");
    expect((await mine.update(doc._id, { storeId: "s1", name: "same" }))?.name).toBe("same");
  });

  test("lets two stores use the same name under a per-store unique index", async () => {
    await mine.insert({ name: "theirs" } as Channel);
    await expectAppErrorFrom(() => theirs.insert({ name: "theirs" } as Channel), "duplicate");
  });
});
