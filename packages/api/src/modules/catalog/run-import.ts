/**
 * Runs one catalog import: fetches the provider's playlist with its first usable account,
 * streams it through the M3U parser into the `CatalogWriter`, and reports progress (counts,
 * percent from bytes read, first errors) on the import record and its realtime topic.
 */
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { parseM3u } from "../../iptv/mod.ts";
import { guardedFetch, type OutboundPolicy, outboundPolicy } from "../../net/guarded-fetch.ts";
import { getProviderDoc, markImported, openAccounts } from "../providers/mod.ts";
import { CatalogWriter } from "./_catalog-writer.ts";
import { importFromPanel } from "./_xtream-import.ts";
import { getImport, type ImportDoc, reportImport } from "./imports.ts";

type Ctx = Pick<AppContext, "store" | "config" | "realtime" | "log" | "cache">;

const LOCK_MS = 60_000;

const REPORT_EVERY_MS = 500;
const FETCH_TIMEOUT_MS = 120_000;

/** Counts bytes as they pass, for the percent of a download whose size is announced. */
async function* counting(body: ReadableStream<Uint8Array>, onBytes: (n: number) => void) {
  for await (const chunk of body) {
    onBytes(chunk.byteLength);
    yield chunk;
  }
}

export async function runCatalogImport(
  ctx: Ctx,
  storeId: string,
  importId: string,
  signal?: AbortSignal,
): Promise<ImportDoc> {
  const record = await getImport(ctx, storeId, importId);
  const started = new Date().toISOString();
  await reportImport(ctx, record, { status: "running", startedAt: started, failure: null });
  // Two imports of one provider at once (a scheduled refresh and a manual one) would both
  // insert what the other has not written yet: one runs, the other fails and is retried.
  const lock = `catalog-import:${storeId}:${record.sourceId}`;
  const renew = setInterval(() => void ctx.cache.renew(lock, importId, LOCK_MS).catch(() => {}), LOCK_MS / 3);
  try {
    if (!(await ctx.cache.acquire(lock, importId, LOCK_MS)))
      throw new Error("Another import of this provider is running; this one will be retried");
    return await importPlaylist(ctx, record, signal);
  } catch (error: unknown) {
    const failure = error instanceof Error ? error.message : String(error);
    ctx.log.warn({ err: error, importId, storeId }, "catalog import failed");
    const failed = await reportImport(ctx, record, {
      status: "failed",
      failure,
      finishedAt: new Date().toISOString(),
    });
    return failed ?? record;
  } finally {
    clearInterval(renew);
    await ctx.cache.release(lock, importId);
  }
}

/** Reports progress at most every `REPORT_EVERY_MS`, and notices a cancelled job. */
function reporter(ctx: Ctx, record: ImportDoc, writer: CatalogWriter, signal?: AbortSignal) {
  let last = Date.now();
  return async (percent: number, force = false): Promise<void> => {
    if (!force && Date.now() - last < REPORT_EVERY_MS) return;
    last = Date.now();
    signal?.throwIfAborted();
    await reportImport(ctx, record, { counts: { ...writer.counts }, percent, errors: writer.errors });
  };
}

async function importPlaylist(ctx: Ctx, record: ImportDoc, signal?: AbortSignal): Promise<ImportDoc> {
  const { storeId } = record;
  const provider = await getProviderDoc(ctx, storeId, record.sourceId);
  const [account] = await openAccounts(ctx, provider);
  if (!account) throw new AppError("conflict", "The provider has no enabled account");
  await markImported(ctx, storeId, provider._id, record._id);
  const writer = new CatalogWriter(ctx, {
    storeId,
    providerId: provider._id,
    username: account.username,
    password: account.password,
  });
  await writer.load();
  const report = reporter(ctx, record, writer, signal);
  const policy = outboundPolicy(ctx.config);
  if (provider.kind === "xtream" && provider.baseUrl) {
    await importFromPanel(provider.baseUrl, account, writer, report, {
      policy,
      ...(signal ? { signal } : {}),
    });
  } else {
    await importFromPlaylist(account.playlistUrl, writer, report, policy, signal);
  }
  if (writer.counts.read === 0) throw new Error("The provider lists no entries");
  await writer.finish();
  const { inserted, updated, missing } = writer.counts;
  ctx.log.info(
    { importId: record._id, storeId, new: inserted, updated, removed: missing },
    "catalog import finished",
  );
  const done = await reportImport(ctx, record, {
    status: "succeeded",
    counts: { ...writer.counts },
    percent: 100,
    errors: writer.errors,
    finishedAt: new Date().toISOString(),
  });
  return done ?? record;
}

async function importFromPlaylist(
  url: string,
  writer: CatalogWriter,
  report: (percent: number) => Promise<void>,
  policy: OutboundPolicy,
  signal?: AbortSignal,
): Promise<void> {
  const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
  const response = await guardedFetch(url, {
    ...policy,
    label: "provider",
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  if (!response.ok || !response.body) throw new Error(`The provider answered HTTP ${response.status}`);
  const total = Number(response.headers.get("content-length") ?? 0);
  let bytes = 0;
  const percent = () => (total > 0 ? Math.min(99, Math.floor((bytes / total) * 100)) : 0);
  for await (const event of parseM3u(counting(response.body, (n) => (bytes += n)))) {
    if (event.type === "entry") await writer.add(event.entry);
    else if (event.type === "warning") writer.warn(event.line, event.message);
    await report(percent());
  }
}
