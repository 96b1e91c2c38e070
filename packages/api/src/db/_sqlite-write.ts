/**
 * SQL for writes that change a document in place: patches become `json_remove`/`json_set` and
 * increments become arithmetic on `json_extract`, so each write is one UPDATE statement, atomic
 * without an explicit transaction even when several processes share the file.
 */
import { assertDelta, assertPatchKey } from "./_paths.ts";
import { fieldSql, type Sql } from "./_sql-filter.ts";

/** The new value of `data` after a patch: listed fields replaced, `undefined` ones removed. */
export function patchSql(patch: Record<string, unknown>): Sql {
  const removed: string[] = [];
  const set: string[] = [];
  const params: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    assertPatchKey(key);
    if (value === undefined) {
      removed.push(`'$.${key}'`);
    } else {
      set.push(`'$.${key}', json(?)`);
      params.push(JSON.stringify(value));
    }
  }
  let sql = removed.length > 0 ? `json_remove(data, ${removed.join(", ")})` : "data";
  if (set.length > 0) sql = `json_set(${sql}, ${set.join(", ")})`;
  return { sql, params };
}

/**
 * The new `data` after adding each delta (a missing field counts as 0), plus a condition that
 * every target is a number or missing: anything else makes the document not match, on every adapter.
 */
export function incrementSql(deltas: Record<string, number>): { set: Sql; numeric: string } {
  const set: string[] = [];
  const numeric: string[] = [];
  const params: number[] = [];
  for (const [path, delta] of Object.entries(deltas)) {
    params.push(assertDelta(path, delta));
    const f = fieldSql(path);
    set.push(`'$.${path}', ifnull(${f.value}, 0) + ?`);
    numeric.push(`ifnull(${f.type}, 'integer') IN ('integer', 'real')`);
  }
  const sql = set.length > 0 ? `json_set(data, ${set.join(", ")})` : "data";
  return { set: { sql, params }, numeric: numeric.length > 0 ? numeric.join(" AND ") : "1" };
}
