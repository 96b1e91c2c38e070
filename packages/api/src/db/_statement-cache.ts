/**
 * A least-recently-used cache of prepared statements. Filters compile to a bounded set of SQL
 * shapes, so preparing each shape once saves SQLite's parse and plan on every call; the bound
 * keeps memory flat when callers build many shapes (e.g. `in` lists of varying length).
 * Bun's own `Database.query` cache holds only 20 entries per process setting, hence this one.
 */
import type { Database, SQLQueryBindings, Statement } from "bun:sqlite";

export type Row = Record<string, unknown>;
export type CachedStatement = Statement<Row, SQLQueryBindings[]>;

export class StatementCache {
  readonly #db: Database;
  readonly #max: number;
  readonly #statements = new Map<string, CachedStatement>();

  constructor(db: Database, max = 256) {
    this.#db = db;
    this.#max = max;
  }

  get(sql: string): CachedStatement {
    const cached = this.#statements.get(sql);
    if (cached) {
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = this.#db.prepare<Row, SQLQueryBindings[]>(sql);
    this.#statements.set(sql, statement);
    this.#evict();
    return statement;
  }

  #evict(): void {
    for (const [sql, statement] of this.#statements) {
      if (this.#statements.size <= this.#max) return;
      this.#statements.delete(sql);
      statement.finalize();
    }
  }

  clear(): void {
    for (const statement of this.#statements.values()) statement.finalize();
    this.#statements.clear();
  }
}
