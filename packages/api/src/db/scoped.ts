/**
 * Tenant scoping: a view of a collection that only ever sees one store's documents. Domain code
 * takes a scoped collection per request, so forgetting a `storeId` condition cannot leak or touch
 * another tenant's data: every read, count, update and delete is AND-ed with the store id, and
 * inserts are stamped with it.
 */
import { AppError } from "../errors/app-error.ts";
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

type Tenanted = BaseDoc & { storeId: string };

class ScopedCollection<T extends Tenanted> implements Collection<T> {
  readonly #inner: Collection<T>;
  readonly #storeId: string;

  constructor(inner: Collection<T>, storeId: string) {
    this.#inner = inner;
    this.#storeId = storeId;
  }

  get name(): string {
    return this.#inner.name;
  }

  #where(filter: Filter = {}): Filter {
    return { $and: [filter, { storeId: this.#storeId }] };
  }

  #foreign(what: string): AppError {
    return new AppError("forbidden", `Cannot ${what} a document of another store`, {
      collection: this.name,
      storeId: this.#storeId,
    });
  }

  #stamp(doc: NewDoc<T>): NewDoc<T> {
    const given = (doc as { storeId?: unknown }).storeId;
    if (given !== undefined && given !== this.#storeId) throw this.#foreign("insert");
    return { ...doc, storeId: this.#storeId };
  }

  /** A patch may repeat the store id but never change or remove it. */
  #checkPatch(patch: Patch<T>): Patch<T> {
    if ("storeId" in patch && patch.storeId !== this.#storeId) throw this.#foreign("move");
    return patch;
  }

  insert(doc: NewDoc<T>): Promise<T> {
    return this.#inner.insert(this.#stamp(doc));
  }

  insertMany(docs: NewDoc<T>[]): Promise<T[]> {
    return this.#inner.insertMany(docs.map((doc) => this.#stamp(doc)));
  }

  async get(id: string): Promise<T | null> {
    const doc = await this.#inner.get(id);
    return doc?.storeId === this.#storeId ? doc : null;
  }

  findOne(filter: Filter, options?: Pick<FindOptions, "sort">): Promise<T | null> {
    return this.#inner.findOne(this.#where(filter), options);
  }

  find(filter: Filter, options?: FindOptions): Promise<Page<T>> {
    return this.#inner.find(this.#where(filter), options);
  }

  count(filter?: Filter): Promise<number> {
    return this.#inner.count(this.#where(filter));
  }

  /** Goes through `findOneAndUpdate` so the store check and the write are one atomic step. */
  async update(id: string, patch: Patch<T>, options: UpdateOptions = {}): Promise<T | null> {
    const { expectVersion } = options;
    const version: Filter = expectVersion === undefined ? {} : { _v: expectVersion };
    const updated = await this.#inner.findOneAndUpdate(
      this.#where({ _id: id, ...version }),
      this.#checkPatch(patch),
    );
    if (updated || expectVersion === undefined) return updated;
    const current = await this.get(id);
    if (!current) return null;
    throw new AppError("version_conflict", `Document "${id}" changed since version ${expectVersion}`, {
      collection: this.name,
      id,
      expected: expectVersion,
      actual: current._v,
    });
  }

  updateMany(filter: Filter, patch: Patch<T>): Promise<number> {
    return this.#inner.updateMany(this.#where(filter), this.#checkPatch(patch));
  }

  increment(id: string, deltas: Record<string, number>, options: IncrementOptions = {}): Promise<T | null> {
    return this.#inner.increment(id, deltas, { where: this.#where(options.where) });
  }

  findOneAndUpdate(filter: Filter, patch: Patch<T>, options?: Pick<FindOptions, "sort">): Promise<T | null> {
    return this.#inner.findOneAndUpdate(this.#where(filter), this.#checkPatch(patch), options);
  }

  async delete(id: string): Promise<boolean> {
    return (await this.#inner.deleteMany(this.#where({ _id: id }))) > 0;
  }

  deleteMany(filter: Filter): Promise<number> {
    return this.#inner.deleteMany(this.#where(filter));
  }
}

/**
 * The collection as seen by one store (tenant). Inserts get `storeId` (a different one is
 * AppError "forbidden"), `get` returns null for another store's document, and every filter is
 * AND-ed with `storeId`, so a recommended index starts with `storeId`.
 */
export function scoped<T extends BaseDoc & { storeId: string }>(
  collection: Collection<T>,
  storeId: string,
): Collection<T> {
  if (storeId.length === 0) throw new Error("A scoped collection needs a non-empty store id");
  return new ScopedCollection(collection, storeId);
}
