import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Thing } from "./_contract-context.ts";
import { describeStoreContract } from "./contract.ts";
import { SqliteStore } from "./sqlite.ts";

const dir = mkdtempSync(join(tmpdir(), "nevewatch-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract("sqlite file", async () => new SqliteStore(join(dir, "nested", "contract.db")));
describeStoreContract("sqlite :memory:", async () => new SqliteStore(":memory:"));

describe("SqliteStore", () => {
  test("creates the parent folder and uses WAL with full sync", async () => {
    const store = new SqliteStore(join(dir, "a", "b", "pragmas.db"));
    await store.migrate([{ name: "things" }]);
    await store.collection({ name: "things" }).insert({});
    await store.close();
    const again = new SqliteStore(join(dir, "a", "b", "pragmas.db"));
    expect(await again.collection({ name: "things" }).count()).toBe(1);
    await again.close();
  });

  test("two handles on one file see each other's writes", async () => {
    const path = join(dir, "shared.db");
    const [one, two] = [new SqliteStore(path), new SqliteStore(path)];
    await one.migrate([{ name: "things" }]);
    const doc = await one.collection<Thing>({ name: "things" }).insert({ n: 1 });
    expect(await two.collection({ name: "things" }).get(doc._id)).toEqual(doc);
    await Promise.all([one.close(), two.close()]);
  });

  test("names the clashing fields even when another handle created the unique index", async () => {
    const path = join(dir, "indexes.db");
    const [one, two] = [new SqliteStore(path), new SqliteStore(path)];
    const fields = [
      ["tenant", 1],
      ["profile.email", -1],
    ] as const;
    await one.migrate([{ name: "people", indexes: [{ fields, unique: true }] }]);
    const people = two.collection<Thing>({ name: "people" });
    await people.insert({ tenant: "t", profile: { email: "a@x" } });
    const error = await people.insert({ tenant: "t", profile: { email: "a@x" } }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "duplicate",
      details: { collection: "people", fields: ["tenant", "profile.email"] },
    });
    await Promise.all([one.close(), two.close()]);
  });

  test("rejects an unsafe collection name", () => {
    const store = new SqliteStore(":memory:");
    expect(() => store.collection({ name: 'x"; DROP TABLE y; --' })).toThrow("Invalid collection name");
  });
});
