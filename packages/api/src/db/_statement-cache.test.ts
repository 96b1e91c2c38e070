import { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import { StatementCache } from "./_statement-cache.ts";

describe("StatementCache", () => {
  test("reuses a prepared statement for the same SQL", () => {
    const cache = new StatementCache(new Database(":memory:"));
    expect(cache.get("SELECT 1 AS n")).toBe(cache.get("SELECT 1 AS n"));
  });

  test("finalizes the least recently used statement beyond its bound and re-prepares on demand", () => {
    const cache = new StatementCache(new Database(":memory:"), 2);
    const one = cache.get("SELECT 1 AS n");
    const two = cache.get("SELECT 2 AS n");
    cache.get("SELECT 1 AS n");
    cache.get("SELECT 3 AS n");
    expect(two.isFinalized).toBe(true);
    expect(one.isFinalized).toBe(false);
    expect(cache.get("SELECT 2 AS n").get()).toEqual({ n: 2 });
  });

  test("clear finalizes everything", () => {
    const cache = new StatementCache(new Database(":memory:"));
    const statement = cache.get("SELECT 1 AS n");
    cache.clear();
    expect(statement.isFinalized).toBe(true);
  });
});
