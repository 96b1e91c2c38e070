/**
 * Document storage: the port types every module codes against, `openStore` which picks the
 * adapter from `DATABASE_URL` (embedded SQLite by default, MongoDB to scale out), sortable ids,
 * and `scoped` for tenant isolation. Domain code never imports an adapter directly.
 */

import type { DocumentStore } from "./port.ts";
import { SqliteStore } from "./sqlite.ts";

export { newId } from "./ids.ts";
export type * from "./port.ts";
export { scan } from "./scan.ts";
export { scoped } from "./scoped.ts";

/** Hides a password in a URL before it lands in an error message or a log. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, "//$1:***@");
}

function sqlitePath(rest: string): string {
  const path = rest.startsWith("//") ? rest.slice(2) : rest;
  if (path.length === 0)
    throw new Error('The SQLite URL "sqlite:" names no file; use e.g. "sqlite:./data/nevewatch.db"');
  return path;
}

/**
 * Opens the store a URL names: `sqlite:./data/nevewatch.db` (parent folder created),
 * `sqlite::memory:`, or `mongodb://…` / `mongodb+srv://…` (connects on first use; call `ping()`).
 * The MongoDB driver is loaded only when a MongoDB URL is used.
 */
export async function openStore(url: string): Promise<DocumentStore> {
  if (url.startsWith("sqlite:")) return new SqliteStore(sqlitePath(url.slice("sqlite:".length)));
  if (url.startsWith("mongodb://") || url.startsWith("mongodb+srv://")) {
    const { MongoStore } = await import("./mongo.ts");
    return new MongoStore(url);
  }
  throw new Error(
    `Unsupported database URL "${redact(url)}": use sqlite:<file>, sqlite::memory:, mongodb://… or mongodb+srv://…`,
  );
}
