/**
 * Shared plumbing of the storage contract suite: one store per suite, and a fresh, uniquely named
 * collection per test so tests never see each other's data (also on a shared MongoDB database).
 */
import { afterAll, beforeAll, expect } from "bun:test";
import { AppError, type ErrorCode } from "../errors/app-error.ts";
import type { BaseDoc, Collection, DocumentStore, IndexSpec } from "./port.ts";

/** A schemaless test document. */
export interface Thing extends BaseDoc {
  [field: string]: unknown;
}

export interface ContractContext {
  store(): DocumentStore;
  /** Creates (migrates) a new empty collection with these indexes. */
  fresh(indexes?: IndexSpec[]): Promise<Collection<Thing>>;
}

let counter = 0;

export function contractContext(open: () => Promise<DocumentStore>): ContractContext {
  let store: DocumentStore | undefined;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store?.close();
  });
  const current = (): DocumentStore => {
    if (!store) throw new Error("The contract store is not open");
    return store;
  };
  return {
    store: current,
    async fresh(indexes = []) {
      counter += 1;
      const def = { name: `t${counter}_${crypto.randomUUID().slice(0, 8)}`, indexes };
      await current().migrate([def]);
      return current().collection<Thing>(def);
    },
  };
}

/** Awaits a promise expected to reject with an AppError of this code, and returns the error. */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  try {
    await promise;
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }
  throw new Error(`Expected AppError "${code}" but the call succeeded`);
}

/** Runs a synchronous-or-async call and expects AppError of this code (sync throws included). */
export async function expectAppErrorFrom(call: () => Promise<unknown>, code: ErrorCode): Promise<AppError> {
  return expectAppError(Promise.resolve().then(call), code);
}
