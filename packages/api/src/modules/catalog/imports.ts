/**
 * Import records: one per catalog or guide import, readable through the API and published
 * live on `stores/<storeId>/imports/<importId>` while the job runs. The durable job carries
 * the work; this record carries what a store admin wants to see (counts, percent, errors).
 */
import type { AppContext } from "../../context.ts";
import { scoped } from "../../db/mod.ts";
import type { BaseDoc, Collection, CollectionDef, Page } from "../../db/port.ts";
import { AppError } from "../../errors/app-error.ts";

export type ImportKind = "catalog" | "epg";
export type ImportStatus = "queued" | "running" | "succeeded" | "failed";

export interface ImportCounts {
  /** Entries read from the source so far. */
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Entries marked missing because the source no longer lists them. */
  missing: number;
  /** Entries skipped with a warning. */
  errors: number;
}

export interface ImportError {
  line: number;
  message: string;
}

export interface ImportDoc extends BaseDoc {
  storeId: string;
  kind: ImportKind;
  /** The provider (catalog imports) or guide source (EPG imports). */
  sourceId: string;
  status: ImportStatus;
  counts: ImportCounts;
  /** 0–100, from bytes read against the announced size; 100 when done. */
  percent: number;
  /** The first few problems; `counts.errors` has the total. */
  errors: ImportError[];
  failure: string | null;
  jobId: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const IMPORTS_COLLECTION: CollectionDef = {
  name: "catalog_imports",
  indexes: [
    {
      fields: [
        ["storeId", 1],
        ["createdAt", -1],
      ],
    },
  ],
};

export const MAX_RECORDED_ERRORS = 50;

export function emptyCounts(): ImportCounts {
  return { read: 0, inserted: 0, updated: 0, unchanged: 0, missing: 0, errors: 0 };
}

export function importsOf(ctx: Pick<AppContext, "store">, storeId: string): Collection<ImportDoc> {
  return scoped(ctx.store.collection<ImportDoc>(IMPORTS_COLLECTION), storeId);
}

export function importTopic(storeId: string, importId: string): string {
  return `stores/${storeId}/imports/${importId}`;
}

export async function createImport(
  ctx: Pick<AppContext, "store">,
  storeId: string,
  kind: ImportKind,
  sourceId: string,
): Promise<ImportDoc> {
  const now = new Date().toISOString();
  return importsOf(ctx, storeId).insert({
    storeId,
    kind,
    sourceId,
    status: "queued",
    counts: emptyCounts(),
    percent: 0,
    errors: [],
    failure: null,
    jobId: null,
    startedAt: null,
    finishedAt: null,
    createdAt: now,
    updatedAt: now,
  });
}

export async function getImport(
  ctx: Pick<AppContext, "store">,
  storeId: string,
  id: string,
): Promise<ImportDoc> {
  const doc = await importsOf(ctx, storeId).get(id);
  if (!doc) throw new AppError("not_found", "Import not found");
  return doc;
}

export async function listImports(
  ctx: Pick<AppContext, "store">,
  storeId: string,
  options: { kind?: ImportKind | undefined; cursor?: string | undefined; limit?: number | undefined },
): Promise<Page<ImportDoc>> {
  return importsOf(ctx, storeId).find(options.kind === undefined ? {} : { kind: options.kind }, {
    sort: [["createdAt", -1]],
    limit: options.limit ?? 20,
    ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
  });
}

export type ImportPatch = Partial<
  Pick<
    ImportDoc,
    "status" | "counts" | "percent" | "errors" | "failure" | "jobId" | "startedAt" | "finishedAt"
  >
>;

/** Saves progress and publishes it to the import's realtime topic. */
export async function reportImport(
  ctx: Pick<AppContext, "store" | "realtime" | "log">,
  doc: Pick<ImportDoc, "_id" | "storeId">,
  patch: ImportPatch,
): Promise<ImportDoc | null> {
  const updated = await importsOf(ctx, doc.storeId).update(doc._id, {
    ...patch,
    updatedAt: new Date().toISOString(),
  });
  if (updated) {
    try {
      await ctx.realtime.publish(importTopic(doc.storeId, doc._id), toImport(updated));
    } catch (error: unknown) {
      ctx.log.warn({ err: error, importId: doc._id }, "import progress publish failed");
    }
  }
  return updated;
}

export function toImport({ _id, _v, storeId, ...rest }: ImportDoc) {
  return { id: _id, ...rest };
}
export type ImportView = ReturnType<typeof toImport>;
