/**
 * One collection of the MongoDB adapter. Documents are stored as-is with the string `_id` and the
 * `_v` version field; every single-document write is one atomic server command.
 */
import {
  type Document,
  type Collection as DriverCollection,
  MongoBulkWriteError,
  MongoServerError,
} from "mongodb";
import { AppError } from "../errors/app-error.ts";
import { normalizeSort, pageFilter, pageLimit, toPage } from "./cursor.ts";
import { newId } from "./ids.ts";
import { mongoFilter, mongoIncrement, mongoPatch, mongoSort } from "./mongo-query.ts";
import type {
  BaseDoc,
  Collection,
  Filter,
  FindOptions,
  IncrementOptions,
  NewDoc,
  Page,
  Patch,
  UpdateOptions,
} from "./port.ts";

const DUPLICATE_KEY = 11000;

/** What the driver stores: a string `_id` (never an ObjectId) and any JSON fields. */
interface MongoDoc {
  _id: string;
  [field: string]: unknown;
}
const AFTER = { returnDocument: "after" } as const;

export class MongoCollection<T extends BaseDoc> implements Collection<T> {
  readonly name: string;
  readonly #docs: DriverCollection<MongoDoc>;

  constructor(docs: DriverCollection<MongoDoc>) {
    this.#docs = docs;
    this.name = docs.collectionName;
  }

  /** Turns duplicate-key errors into AppError("duplicate") naming the index fields. */
  #translate(error: unknown): unknown {
    if (!(error instanceof MongoServerError) || error.code !== DUPLICATE_KEY) return error;
    const pattern: unknown = error.keyPattern;
    const fields = pattern && typeof pattern === "object" ? Object.keys(pattern) : [];
    return new AppError(
      "duplicate",
      `A document with the same ${fields.join(", ") || "key"} already exists`,
      {
        collection: this.name,
        fields,
      },
    );
  }

  async #guard<R>(work: () => Promise<R>): Promise<R> {
    try {
      return await work();
    } catch (error: unknown) {
      throw this.#translate(error);
    }
  }

  async insert(doc: NewDoc<T>): Promise<T> {
    const stored = toStored(doc);
    await this.#guard(() => this.#docs.insertOne(stored));
    return stored as unknown as T;
  }

  /**
   * All or none without requiring a replica set: an ordered insert stops at the first failure,
   * and the documents inserted before it are deleted again. Readers may glimpse them meanwhile.
   */
  async insertMany(docs: NewDoc<T>[]): Promise<T[]> {
    if (docs.length === 0) return [];
    const stored = docs.map(toStored);
    try {
      await this.#docs.insertMany(stored, { ordered: true });
    } catch (error: unknown) {
      const inserted = error instanceof MongoBulkWriteError ? error.insertedCount : 0;
      const ids = stored.slice(0, inserted).map((d) => d._id);
      if (ids.length > 0) await this.#docs.deleteMany({ _id: { $in: ids } });
      throw this.#translate(error);
    }
    return stored as unknown as T[];
  }

  async get(id: string): Promise<T | null> {
    return (await this.#docs.findOne({ _id: id })) as T | null;
  }

  async findOne(filter: Filter, options?: Pick<FindOptions, "sort">): Promise<T | null> {
    const sort = mongoSort(normalizeSort(options?.sort));
    return (await this.#docs.findOne(mongoFilter(filter), { sort })) as T | null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<Page<T>> {
    const sort = normalizeSort(options.sort);
    const limit = pageLimit(options.limit);
    const query = mongoFilter(pageFilter(filter, sort, options.cursor));
    const rows = await this.#docs
      .find(query)
      .sort(mongoSort(sort))
      .limit(limit + 1)
      .toArray();
    return toPage(rows as unknown as T[], limit, sort);
  }

  async count(filter: Filter = {}): Promise<number> {
    return this.#docs.countDocuments(mongoFilter(filter));
  }

  async update(id: string, patch: Patch<T>, options: UpdateOptions = {}): Promise<T | null> {
    const { expectVersion } = options;
    const query: Document = expectVersion === undefined ? { _id: id } : { _id: id, _v: expectVersion };
    const update = mongoPatch(patch);
    const updated = await this.#guard(() => this.#docs.findOneAndUpdate(query, update, AFTER));
    if (updated || expectVersion === undefined) return updated as T | null;
    const current = await this.get(id);
    if (!current) return null;
    throw new AppError("version_conflict", `Document "${id}" changed since version ${expectVersion}`, {
      collection: this.name,
      id,
      expected: expectVersion,
      actual: current._v,
    });
  }

  async updateMany(filter: Filter, patch: Patch<T>): Promise<number> {
    const update = mongoPatch(patch);
    const result = await this.#guard(() => this.#docs.updateMany(mongoFilter(filter), update));
    return result.modifiedCount;
  }

  async increment(
    id: string,
    deltas: Record<string, number>,
    options: IncrementOptions = {},
  ): Promise<T | null> {
    const { query, update } = mongoIncrement(id, deltas, options.where ?? {});
    return (await this.#guard(() => this.#docs.findOneAndUpdate(query, update, AFTER))) as T | null;
  }

  async findOneAndUpdate(
    filter: Filter,
    patch: Patch<T>,
    options?: Pick<FindOptions, "sort">,
  ): Promise<T | null> {
    const sort = mongoSort(normalizeSort(options?.sort));
    const update = mongoPatch(patch);
    const found = await this.#guard(() =>
      this.#docs.findOneAndUpdate(mongoFilter(filter), update, { ...AFTER, sort }),
    );
    return found as T | null;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.#docs.deleteOne({ _id: id })).deletedCount > 0;
  }

  async deleteMany(filter: Filter): Promise<number> {
    return (await this.#docs.deleteMany(mongoFilter(filter))).deletedCount;
  }
}

/** The stored form: the caller's fields, an id (given or new) and version 1. */
function toStored(doc: object): MongoDoc {
  const { _id, _v: _ignored, ...fields } = doc as { _id?: string; _v?: unknown };
  return { _id: _id ?? newId(), _v: 1, ...withoutUndefined(fields) };
}

/** Mirrors JSON storage: top-level `undefined` fields are not stored (nested ones are ignored by the driver). */
function withoutUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
