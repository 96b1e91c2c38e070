/**
 * Keyset pagination shared by every adapter. A cursor carries the sort values and `_id` of the
 * last item of a page; the next page is "everything strictly after that tuple", expressed in the
 * port's own filter language so each adapter compiles it exactly like any other filter. That is
 * what makes SQLite and MongoDB page identically, and what keeps pages stable while later items
 * are inserted (no offsets, so no duplicates and no gaps).
 */
import { AppError } from "../errors/app-error.ts";
import { assertPath, readPath } from "./_paths.ts";
import type { Filter, Page, Scalar, Sort, SortDirection } from "./port.ts";

/** A validated sort that always ends with `_id` (ascending unless the caller sorted on `_id`). */
export type NormalizedSort = ReadonlyArray<readonly [path: string, direction: SortDirection]>;

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

/** Validates paths, drops repeated keys and makes `_id` the final tie-breaker. */
export function normalizeSort(sort: Sort | undefined): NormalizedSort {
  const keys: Array<readonly [string, SortDirection]> = [];
  const seen = new Set<string>();
  for (const [path, direction] of sort ?? []) {
    assertPath(path);
    if (direction !== 1 && direction !== -1) {
      throw new AppError("bad_request", `Invalid sort direction for "${path}"`, { path });
    }
    if (seen.has(path)) continue;
    seen.add(path);
    keys.push([path, direction]);
    if (path === "_id") return keys;
  }
  keys.push(["_id", 1]);
  return keys;
}

/** The page size: default 50, capped at 1000; anything but a positive integer is refused. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new AppError("bad_request", `Invalid limit "${limit}"`, { limit });
  }
  return Math.min(limit, MAX_LIMIT);
}

function signature(sort: NormalizedSort): string {
  return sort.map(([path, direction]) => `${path}:${direction}`).join(",");
}

function sortValue(doc: unknown, path: string): Scalar {
  const value = readPath(doc, path);
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw new AppError("bad_request", `Sort field "${path}" holds a non-scalar value`, { path });
}

/** Encodes the position just after `doc` for this sort. */
export function encodeCursor(sort: NormalizedSort, doc: unknown): string {
  const values = sort.map(([path]) => sortValue(doc, path));
  return Buffer.from(JSON.stringify({ k: signature(sort), v: values })).toString("base64url");
}

function badCursor(): AppError {
  return new AppError("bad_request", "Invalid cursor");
}

function isScalar(value: unknown): value is Scalar {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  return typeof value === "number" && Number.isFinite(value);
}

function parseCursor(cursor: string): unknown {
  if (!/^[A-Za-z0-9_-]{1,4096}$/.test(cursor)) throw badCursor();
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
}

/**
 * Decodes a cursor made by `encodeCursor` for the same sort; anything else (garbage, another
 * query's cursor) is AppError("bad_request") rather than a silently wrong page.
 */
export function decodeCursor(sort: NormalizedSort, cursor: string): Scalar[] {
  const parsed = parseCursor(cursor);
  if (parsed === null || typeof parsed !== "object") throw badCursor();
  const { k, v } = parsed as { k?: unknown; v?: unknown };
  if (k !== signature(sort) || !Array.isArray(v) || v.length !== sort.length) throw badCursor();
  if (!v.every(isScalar) || typeof v[v.length - 1] !== "string") throw badCursor();
  return v;
}

/** Documents that sort strictly after `value` on one key; null when none can. */
function strictlyAfter(path: string, direction: SortDirection, value: Scalar): Filter | null {
  const nullish: Filter = { [path]: { eq: null } };
  if (value === null) return direction === 1 ? { [path]: { ne: null } } : null;
  if (typeof value === "boolean") {
    if (direction === 1) return value ? null : { [path]: { eq: true } };
    return value ? { $or: [{ [path]: { eq: false } }, nullish] } : nullish;
  }
  if (direction === 1) return { [path]: { gt: value } };
  return { $or: [{ [path]: { lt: value } }, nullish] };
}

/**
 * The filter selecting every document after the cursor position: for each key i, documents equal
 * on keys before i and strictly after on key i. `_id` is last and unique, so ties always resolve.
 */
export function afterCursor(sort: NormalizedSort, values: Scalar[]): Filter {
  const branches: Filter[] = [];
  const equal: Filter[] = [];
  sort.forEach(([path, direction], i) => {
    const value = values[i] ?? null;
    const after = strictlyAfter(path, direction, value);
    if (after) branches.push({ $and: [...equal, after] });
    equal.push({ [path]: { eq: value } });
  });
  return { $or: branches };
}

/** Combines the caller's filter with the cursor position (when there is one). */
export function pageFilter(filter: Filter, sort: NormalizedSort, cursor: string | undefined): Filter {
  if (cursor === undefined) return filter;
  return { $and: [filter, afterCursor(sort, decodeCursor(sort, cursor))] };
}

/** Turns `limit + 1` fetched rows into a page; the extra row only proves a next page exists. */
export function toPage<T>(rows: T[], limit: number, sort: NormalizedSort): Page<T> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: encodeCursor(sort, items[items.length - 1]) };
}
