/**
 * Field-path and name checks shared by the adapters. Paths are spliced into SQL expressions and
 * index definitions (values never are), so anything outside this grammar is refused up front.
 */
import { AppError } from "../errors/app-error.ts";

const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Throws AppError("bad_request") unless `path` is a dotted identifier path such as `branding.theme`. */
export function assertPath(path: string): string {
  if (!FIELD_PATH.test(path)) {
    throw new AppError("bad_request", `Invalid field path "${path}"`, { path });
  }
  return path;
}

/** Collection names become table names, so they follow the identifier grammar too. */
export function assertCollectionName(name: string): string {
  if (!NAME.test(name) || name.startsWith("sqlite_")) {
    throw new AppError("bad_request", `Invalid collection name "${name}"`, { collection: name });
  }
  return name;
}

/** Patch keys are top-level field names; `_id` and `_v` belong to the store. */
export function assertPatchKey(key: string): string {
  if (!NAME.test(key) || key === "_id" || key === "_v") {
    throw new AppError("bad_request", `Invalid patch field "${key}"`, { field: key });
  }
  return key;
}

/** Checks one `increment` target and delta: store fields are off limits, deltas must be finite. */
export function assertDelta(path: string, delta: unknown): number {
  assertPath(path);
  if (path === "_id" || path === "_v" || path.startsWith("_id.")) {
    throw new AppError("bad_request", `Cannot increment "${path}"`, { field: path });
  }
  if (typeof delta !== "number" || !Number.isFinite(delta)) {
    throw new AppError("bad_request", `Invalid increment for "${path}"`, { field: path });
  }
  return delta;
}

/** Reads a dotted path from a plain object; undefined when any step is missing. */
export function readPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * A deterministic index name such as `ux_users_email_1` or `ix_jobs_status_1_runAt_-1`, the same
 * in every adapter, so `migrate` is idempotent and a duplicate error can name its fields.
 */
export function indexName(
  collection: string,
  fields: ReadonlyArray<readonly [string, 1 | -1]>,
  unique: boolean,
): string {
  const keys = fields.map(([path, direction]) => `${assertPath(path).replaceAll(".", "_")}_${direction}`);
  return `${unique ? "ux" : "ix"}_${collection}_${keys.join("_")}`;
}
