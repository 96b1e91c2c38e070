/**
 * The document storage port. Domain code sees only these types; adapters
 * (`sqlite.ts`, `mongo.ts`) implement them and pass one contract suite.
 */

/** Values that can be compared, indexed and filtered on. */
export type Scalar = string | number | boolean | null;

/** Every stored document has a string id and a version bumped on every write. */
export interface BaseDoc {
  _id: string;
  /** Optimistic-concurrency version: 1 on insert, +1 on every update or increment. */
  _v: number;
}

/** One condition on one field. Several keys in one condition are AND-ed. */
export interface FieldCondition {
  eq?: Scalar;
  ne?: Scalar;
  in?: Scalar[];
  nin?: Scalar[];
  gt?: string | number;
  gte?: string | number;
  lt?: string | number;
  lte?: string | number;
  exists?: boolean;
  /** String prefix match (case-sensitive). */
  prefix?: string;
}

/**
 * A filter: field path (dotted for nested fields, e.g. `branding.theme`) to either a scalar
 * (equality) or a `FieldCondition`. All entries are AND-ed; `$or` takes alternatives and `$and`
 * nests filters (so two filters can be combined without their keys colliding). Entries whose value
 * is `undefined` are ignored. Paths must match `/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/`.
 *
 * Semantics shared by every adapter (MongoDB's):
 * - `eq: null` (or a bare `null`) matches a field that is null **or missing**; `ne: null` matches
 *   a field that exists and is not null; `exists: false` matches only a missing field.
 * - `ne`/`nin` with a non-null value also match documents where the field is missing.
 * - Comparisons never cross types: `gt: 5` matches numbers only, `gt: "2024-"` strings only,
 *   and `eq: 1` does not match `true`. Dates are ISO-8601 UTC strings (`toISOString()`).
 * - Operators compare scalar values; matching elements inside arrays is not supported.
 * - An empty `$or` matches nothing; an empty `in` matches nothing; an empty `nin` matches all.
 */
export interface Filter {
  $or?: Filter[];
  $and?: Filter[];
  [path: string]: Scalar | FieldCondition | Filter[] | undefined;
}

export type SortDirection = 1 | -1;
export type Sort = ReadonlyArray<readonly [path: string, direction: SortDirection]>;

export interface FindOptions {
  /**
   * Sort keys in order; `_id` ascending is always appended as the final tie-breaker (unless `_id`
   * is listed, which ends the keys). Null and missing sort first ascending, last descending.
   * A sort field must hold one scalar type (plus null/missing) for cursors to page correctly.
   */
  sort?: Sort;
  /** At most this many items (default 50, max 1000). */
  limit?: number;
  /** Opaque cursor returned as `nextCursor` by the previous page of the same query. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null when this was the last page. */
  nextCursor: string | null;
}

export interface UpdateOptions {
  /** Apply only if the stored `_v` equals this; otherwise throw AppError("version_conflict"). */
  expectVersion?: number;
}

export interface IncrementOptions {
  /** Apply only if the document also matches this filter (checked atomically with the write). */
  where?: Filter;
}

/** Patch semantics: listed top-level fields are replaced; a value of `undefined` removes the field. */
export type Patch<T> = { [K in Exclude<keyof T, "_id" | "_v">]?: T[K] | undefined };

export type NewDoc<T extends BaseDoc> = Omit<T, "_id" | "_v"> & { _id?: string };

export interface Collection<T extends BaseDoc> {
  readonly name: string;
  /** Inserts and returns the stored document. Throws AppError("duplicate") on a unique index violation. */
  insert(doc: NewDoc<T>): Promise<T>;
  /** Inserts many in one atomic batch (all or none). */
  insertMany(docs: NewDoc<T>[]): Promise<T[]>;
  get(id: string): Promise<T | null>;
  findOne(filter: Filter, options?: Pick<FindOptions, "sort">): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<Page<T>>;
  count(filter?: Filter): Promise<number>;
  /** Partial update; returns the new document, or null when the id does not exist. */
  update(id: string, patch: Patch<T>, options?: UpdateOptions): Promise<T | null>;
  /** Updates every match; returns how many changed. */
  updateMany(filter: Filter, patch: Patch<T>): Promise<number>;
  /**
   * Atomically adds each delta to its numeric field (missing counts as 0) when the document
   * matches `options.where`; returns the new document, or null when missing or not matching.
   * Example: `increment(id, { balance: -5 }, { where: { balance: { gte: 5 } } })`.
   */
  increment(id: string, deltas: Record<string, number>, options?: IncrementOptions): Promise<T | null>;
  /**
   * Atomically finds the first match (by sort) and applies the patch, returning the new
   * document; null when nothing matches. The building block of job claiming.
   */
  findOneAndUpdate(filter: Filter, patch: Patch<T>, options?: Pick<FindOptions, "sort">): Promise<T | null>;
  delete(id: string): Promise<boolean>;
  deleteMany(filter: Filter): Promise<number>;
}

export interface IndexSpec {
  fields: Sort;
  /**
   * Unique indexes constrain only documents whose indexed fields are all present and non-null
   * (like a SQL unique index; MongoDB gets a matching partial index), so optional fields can be unique.
   */
  unique?: boolean;
}

/** A collection declared in code: its name and indexes, created by `migrate`. */
export interface CollectionDef {
  name: string;
  indexes?: IndexSpec[];
}

export interface DocumentStore {
  readonly kind: "sqlite" | "mongo";
  collection<T extends BaseDoc>(def: CollectionDef): Collection<T>;
  /** Creates collections and indexes for every definition; safe to run repeatedly. */
  migrate(defs: readonly CollectionDef[]): Promise<void>;
  /** Throws when the store cannot serve requests. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
