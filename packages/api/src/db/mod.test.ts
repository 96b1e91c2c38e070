import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "./mod.ts";

const dir = mkdtempSync(join(tmpdir(), "nevewatch-open-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("openStore", () => {
  test("opens SQLite on a file, creating its folder", async () => {
    const path = join(dir, "data", "nevewatch.db");
    const store = await openStore(`sqlite:${path}`);
    expect(store.kind).toBe("sqlite");
    await store.ping();
    await store.close();
    expect(existsSync(path)).toBe(true);
  });

  test("opens SQLite in memory", async () => {
    const store = await openStore("sqlite::memory:");
    await store.migrate([{ name: "things" }]);
    expect(await store.collection({ name: "things" }).count()).toBe(0);
    await store.close();
  });

  test("picks MongoDB for mongodb:// and mongodb+srv:// without connecting yet", async () => {
    for (const url of ["mongodb://127.0.0.1:1/nevewatch", "mongodb+srv://u:p@cluster.invalid/db"]) {
      const store = await openStore(url).catch((error: unknown) => error);
      if (store instanceof Error) {
        // mongodb+srv resolves DNS SRV records when the client is built; no network here is fine.
        expect(url.startsWith("mongodb+srv://")).toBe(true);
        continue;
      }
      expect((store as { kind: string }).kind).toBe("mongo");
    }
  });

  test("names an unsupported URL and hides its password", async () => {
    const error = await openStore("postgres://admin:hunter2@db/x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('"postgres://admin:***@db/x"');
    expect((error as Error).message).not.toContain("hunter2");
    await expect(openStore("sqlite:")).rejects.toThrow("names no file");
    await expect(openStore("")).rejects.toThrow('Unsupported database URL ""');
  });
});
