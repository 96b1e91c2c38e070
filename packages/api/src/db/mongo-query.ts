/**
 * Pure builders of the MongoDB documents the Mongo adapter sends: filters, sorts, updates and
 * index specs, from the port's own language. Kept free of I/O so they can be unit-tested without a
 * server, and so the SQLite and MongoDB adapters share validation (`_filter-input.ts`) and cursor
 * logic (`cursor.ts`) instead of each inventing its own.
 */
import type { Document, IndexDescription } from "mongodb";
import { filterEntries, listOperand, rangeOperand, scalarOperand, stringOperand } from "./_filter-input.ts";
import { assertDelta, assertPatchKey, assertPath, indexName } from "./_paths.ts";
import type { NormalizedSort } from "./cursor.ts";
import type { CollectionDef, FieldCondition, Filter, IndexSpec } from "./port.ts";

/** A condition no document meets (every document has an `_id`); MongoDB refuses an empty `$or`. */
export const MATCH_NOTHING: Document = { _id: { $in: [] } };

/** Escapes every regular-expression metacharacter so a prefix is matched literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function conditionDoc(path: string, condition: FieldCondition): Document {
  const ops: Document = {};
  if (condition.eq !== undefined) ops.$eq = scalarOperand(path, "eq", condition.eq);
  if (condition.ne !== undefined) ops.$ne = scalarOperand(path, "ne", condition.ne);
  if (condition.in !== undefined) ops.$in = listOperand(path, "in", condition.in);
  if (condition.nin !== undefined) ops.$nin = listOperand(path, "nin", condition.nin);
  for (const op of ["gt", "gte", "lt", "lte"] as const) {
    const value = condition[op];
    if (value !== undefined) ops[`$${op}`] = rangeOperand(path, op, value);
  }
  if (condition.exists !== undefined) ops.$exists = condition.exists === true;
  if (condition.prefix !== undefined) {
    ops.$regex = `^${escapeRegex(stringOperand(path, "prefix", condition.prefix))}`;
  }
  return ops;
}

/** The MongoDB query document for a port filter (same semantics, see `Filter` in port.ts). */
export function mongoFilter(filter: Filter): Document {
  const query: Document = {};
  const and: Document[] = [];
  for (const entry of filterEntries(filter)) {
    if (entry.kind === "field") {
      query[entry.path] = conditionDoc(entry.path, entry.condition);
    } else if (entry.kind === "and") {
      and.push(...entry.filters.map(mongoFilter));
    } else if (entry.filters.length === 0) {
      and.push(MATCH_NOTHING);
    } else {
      query.$or = entry.filters.map(mongoFilter);
    }
  }
  if (and.length > 0) query.$and = and;
  return query;
}

/** The sort document; key order is the sort order (paths never look like array indexes). */
export function mongoSort(sort: NormalizedSort): Document {
  return Object.fromEntries(sort.map(([path, direction]) => [path, direction]));
}

/** `$set` for given fields, `$unset` for `undefined` ones, and the version bump. */
export function mongoPatch(patch: Record<string, unknown>): Document {
  const $set: Document = {};
  const $unset: Document = {};
  for (const [key, value] of Object.entries(patch)) {
    assertPatchKey(key);
    if (value === undefined) $unset[key] = "";
    else $set[key] = value;
  }
  const update: Document = { $inc: { _v: 1 } };
  if (Object.keys($set).length > 0) update.$set = $set;
  if (Object.keys($unset).length > 0) update.$unset = $unset;
  return update;
}

/**
 * The update and query for `increment`: `$inc` plus a guard that each target is a number or
 * missing, so a non-numeric field makes the document not match (as on SQLite) instead of failing.
 */
export function mongoIncrement(
  id: string,
  deltas: Record<string, number>,
  where: Filter,
): { query: Document; update: Document } {
  const $inc: Document = {};
  const guards: Document[] = [];
  for (const [path, delta] of Object.entries(deltas)) {
    $inc[path] = assertDelta(path, delta);
    guards.push({ $or: [{ [path]: { $exists: false } }, { [path]: { $type: "number" } }] });
  }
  $inc._v = 1;
  return { query: { $and: [{ _id: id }, ...guards, mongoFilter(where)] }, update: { $inc } };
}

/** Unique indexes are partial so they skip documents whose fields are null or missing (port rule). */
function indexDescription(collection: string, index: IndexSpec): IndexDescription {
  const unique = index.unique === true;
  const key = Object.fromEntries(index.fields.map(([path, direction]) => [assertPath(path), direction]));
  const description: IndexDescription = { key, name: indexName(collection, index.fields, unique) };
  if (!unique) return description;
  const present = Object.fromEntries(
    index.fields.map(([path]) => [path, { $type: ["string", "number", "bool"] }]),
  );
  return { ...description, unique: true, partialFilterExpression: present };
}

/** Index descriptions for `createIndexes`, named like the SQLite adapter's. */
export function mongoIndexes(def: CollectionDef): IndexDescription[] {
  return (def.indexes ?? []).map((index) => indexDescription(def.name, index));
}
