/**
 * Runtime checks on filter input shared by the adapters' compilers. Filters often come from query
 * strings, so a wrong shape is a client error (AppError "bad_request"), never an adapter crash.
 */
import { AppError } from "../errors/app-error.ts";
import { assertPath } from "./_paths.ts";
import type { FieldCondition, Filter, Scalar } from "./port.ts";

const OPERATORS = new Set(["eq", "ne", "in", "nin", "gt", "gte", "lt", "lte", "exists", "prefix"]);

/** One entry of a filter, classified. */
export type FilterEntry =
  | { kind: "or" | "and"; filters: Filter[] }
  | { kind: "field"; path: string; condition: FieldCondition };

function badFilter(message: string, details: Record<string, unknown>): AppError {
  return new AppError("bad_request", message, details);
}

export function isScalar(value: unknown): value is Scalar {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  return typeof value === "number" && Number.isFinite(value);
}

/** Checks a scalar operand; numbers must be finite because JSON cannot hold NaN or Infinity. */
export function scalarOperand(path: string, op: string, value: unknown): Scalar {
  if (!isScalar(value)) throw badFilter(`Invalid value for "${op}" on "${path}"`, { path, op });
  return value;
}

/** Range operands are numbers or strings (ISO dates included), never booleans or null. */
export function rangeOperand(path: string, op: string, value: unknown): string | number {
  const scalar = scalarOperand(path, op, value);
  if (typeof scalar === "string" || typeof scalar === "number") return scalar;
  throw badFilter(`"${op}" on "${path}" needs a number or a string`, { path, op });
}

export function stringOperand(path: string, op: string, value: unknown): string {
  if (typeof value === "string") return value;
  throw badFilter(`"${op}" on "${path}" needs a string`, { path, op });
}

export function listOperand(path: string, op: string, value: unknown): Scalar[] {
  if (!Array.isArray(value)) throw badFilter(`"${op}" on "${path}" needs a list`, { path, op });
  return value.map((item) => scalarOperand(path, op, item));
}

function fieldCondition(path: string, value: unknown): FieldCondition {
  if (value === null || typeof value !== "object") return { eq: scalarOperand(path, "eq", value) };
  if (Array.isArray(value)) throw badFilter(`Invalid condition on "${path}"`, { path });
  for (const op of Object.keys(value)) {
    if (!OPERATORS.has(op)) throw badFilter(`Unknown operator "${op}" on "${path}"`, { path, op });
  }
  return value as FieldCondition;
}

function subFilters(key: string, value: unknown): Filter[] {
  if (!Array.isArray(value) || !value.every((f) => f !== null && typeof f === "object")) {
    throw badFilter(`"${key}" needs a list of filters`, { key });
  }
  return value as Filter[];
}

/** Splits a filter into validated entries, skipping keys whose value is undefined. */
export function filterEntries(filter: Filter): FilterEntry[] {
  if (filter === null || typeof filter !== "object") throw badFilter("Invalid filter", {});
  const entries: FilterEntry[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === "$or" || key === "$and") {
      entries.push({ kind: key === "$or" ? "or" : "and", filters: subFilters(key, value) });
    } else {
      entries.push({ kind: "field", path: assertPath(key), condition: fieldCondition(key, value) });
    }
  }
  return entries;
}
