/**
 * Compiles port filters and sorts to SQLite SQL over `json_extract(data, '$.path')`.
 * Values are always bound parameters; paths are validated identifiers spliced as literals, which
 * lets the planner match the expression indexes `migrate` creates. Every comparison also checks
 * `json_type`, because `json_extract` turns JSON `true` into 1 and a missing field into NULL, and
 * the port promises MongoDB's type-strict semantics (see `Filter` in port.ts).
 */
import { filterEntries, listOperand, rangeOperand, scalarOperand, stringOperand } from "./_filter-input.ts";
import type { NormalizedSort } from "./cursor.ts";
import type { FieldCondition, Filter, Scalar } from "./port.ts";

export type SqlParam = string | number;

export interface Sql {
  sql: string;
  params: SqlParam[];
}

/** The SQL for a field's value and its JSON type (NULL when missing). */
interface Field {
  value: string;
  type: string;
}

const NUMERIC = "('integer','real')";

/** `_id` and `_v` live in their own columns; every other path inside the JSON `data`. */
export function fieldSql(path: string): Field {
  if (path === "_id") return { value: "id", type: "'text'" };
  if (path === "_v") return { value: "v", type: "'integer'" };
  return { value: `json_extract(data, '$.${path}')`, type: `json_type(data, '$.${path}')` };
}

class SqlBuilder {
  readonly params: SqlParam[] = [];

  bind(value: SqlParam): string {
    this.params.push(value);
    return "?";
  }

  /** Never NULL, so it can be negated safely. */
  eq(f: Field, value: Scalar): string {
    if (value === null) return `(${f.type} IS NULL OR ${f.type} = 'null')`;
    if (typeof value === "boolean") return `(${f.type} IS '${value}')`;
    const type = typeof value === "string" ? `${f.type} IS 'text'` : `ifnull(${f.type}, '') IN ${NUMERIC}`;
    return `(${f.value} IS ${this.bind(value)} AND ${type})`;
  }

  range(f: Field, op: string, value: string | number): string {
    const type = typeof value === "string" ? `${f.type} = 'text'` : `${f.type} IN ${NUMERIC}`;
    return `(${f.value} ${op} ${this.bind(value)} AND ${type})`;
  }

  /** Byte-exact prefix test: `LIKE` would treat `%` and `_` as wildcards. */
  prefix(f: Field, value: string): string {
    const lower = this.bind(value);
    const length = this.bind(value);
    return `(${f.type} = 'text' AND ${f.value} >= ${lower} AND substr(${f.value}, 1, length(${length})) = ${this.bind(value)})`;
  }

  condition(path: string, condition: FieldCondition): string[] {
    const f = fieldSql(path);
    const parts: string[] = [];
    const { eq, ne, exists, prefix } = condition;
    if (eq !== undefined) parts.push(this.eq(f, scalarOperand(path, "eq", eq)));
    if (ne !== undefined) parts.push(`NOT ${this.eq(f, scalarOperand(path, "ne", ne))}`);
    if (condition.in !== undefined) parts.push(this.anyOf(f, listOperand(path, "in", condition.in)));
    if (condition.nin !== undefined)
      parts.push(`NOT ${this.anyOf(f, listOperand(path, "nin", condition.nin))}`);
    for (const [op, sqlOp] of RANGE_OPS) {
      const value = condition[op];
      if (value !== undefined) parts.push(this.range(f, sqlOp, rangeOperand(path, op, value)));
    }
    if (exists !== undefined) parts.push(exists ? `${f.type} IS NOT NULL` : `${f.type} IS NULL`);
    if (prefix !== undefined) parts.push(this.prefix(f, stringOperand(path, "prefix", prefix)));
    return parts;
  }

  anyOf(f: Field, values: Scalar[]): string {
    return values.length === 0 ? "0" : `(${values.map((v) => this.eq(f, v)).join(" OR ")})`;
  }

  filter(filter: Filter): string {
    const parts: string[] = [];
    for (const entry of filterEntries(filter)) {
      if (entry.kind === "field") parts.push(...this.condition(entry.path, entry.condition));
      else if (entry.kind === "and") parts.push(...entry.filters.map((f) => this.filter(f)));
      else parts.push(this.or(entry.filters));
    }
    return parts.length === 0 ? "1" : `(${parts.join(" AND ")})`;
  }

  or(filters: Filter[]): string {
    return filters.length === 0 ? "0" : `(${filters.map((f) => this.filter(f)).join(" OR ")})`;
  }
}

const RANGE_OPS = [
  ["gt", ">"],
  ["gte", ">="],
  ["lt", "<"],
  ["lte", "<="],
] as const;

/** A WHERE expression (without the keyword) and its parameters, in order. */
export function compileFilter(filter: Filter): Sql {
  const builder = new SqlBuilder();
  const sql = builder.filter(filter);
  return { sql, params: builder.params };
}

/** An ORDER BY list (without the keywords); NULLs sort first ascending, as in MongoDB. */
export function compileSort(sort: NormalizedSort): string {
  return sort.map(([path, dir]) => `${fieldSql(path).value} ${dir === 1 ? "ASC" : "DESC"}`).join(", ");
}
