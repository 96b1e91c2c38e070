/**
 * The scale-out document store on MongoDB. It maps the port one-to-one onto driver calls; the
 * query documents come from `mongo-query.ts`. A single MongoDB server (no replica set) is enough:
 * nothing here needs multi-document transactions.
 */
import { type Db, MongoClient, MongoServerError } from "mongodb";
import { MongoCollection } from "./_mongo-collection.ts";
import { assertCollectionName } from "./_paths.ts";
import { mongoIndexes } from "./mongo-query.ts";
import type { BaseDoc, Collection, CollectionDef, DocumentStore } from "./port.ts";

const NAMESPACE_EXISTS = 48;
const DEFAULT_DB = "nevewatch";

/** The database named in the URL path (`mongodb://host/name`), or `nevewatch` when there is none. */
export function databaseName(url: string): string {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(url)?.[1];
  return path ? decodeURIComponent(path) : DEFAULT_DB;
}

export class MongoStore implements DocumentStore {
  readonly kind = "mongo";
  readonly #client: MongoClient;
  readonly #db: Db;

  /**
   * Connects lazily: the first operation (call `ping()` at boot) opens the connection pool.
   * `ignoreUndefined` makes the driver drop `undefined` values, as JSON storage does.
   */
  constructor(url: string, dbName: string = databaseName(url)) {
    this.#client = new MongoClient(url, { ignoreUndefined: true });
    this.#db = this.#client.db(dbName);
  }

  collection<T extends BaseDoc>(def: CollectionDef): Collection<T> {
    return new MongoCollection<T>(this.#db.collection(assertCollectionName(def.name)));
  }

  async migrate(defs: readonly CollectionDef[]): Promise<void> {
    for (const def of defs) {
      await this.#createCollection(assertCollectionName(def.name));
      const indexes = mongoIndexes(def);
      if (indexes.length > 0) await this.#db.collection(def.name).createIndexes(indexes);
    }
  }

  async #createCollection(name: string): Promise<void> {
    try {
      await this.#db.createCollection(name);
    } catch (error: unknown) {
      if (!(error instanceof MongoServerError && error.code === NAMESPACE_EXISTS)) throw error;
    }
  }

  async ping(): Promise<void> {
    await this.#db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.#client.close();
  }
}
