/**
 * The storage contract: one `bun:test` suite every `DocumentStore` adapter must pass, so domain
 * code can rely on identical semantics (filters, ordering, cursors, atomic writes) on SQLite and
 * MongoDB alike. Adapters call `describeStoreContract` from their own test file.
 */
import { describe } from "bun:test";
import { contractContext } from "./_contract-context.ts";
import { describeCrudContract } from "./_contract-crud.ts";
import { describeFilterContract } from "./_contract-filters.ts";
import { describePagingContract } from "./_contract-paging.ts";
import { describeWriteContract } from "./_contract-writes.ts";
import type { DocumentStore } from "./port.ts";

/** Registers the whole contract suite against stores made by `open` (one store for the suite). */
export function describeStoreContract(name: string, open: () => Promise<DocumentStore>): void {
  describe(`document store contract: ${name}`, () => {
    const ctx = contractContext(open);
    describeCrudContract(ctx);
    describeFilterContract(ctx);
    describePagingContract(ctx);
    describeWriteContract(ctx);
  });
}
