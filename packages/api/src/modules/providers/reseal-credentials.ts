/**
 * After a key rotation, seals every stored account credential again under the current
 * `ENCRYPTION_KEY`, so the previous keys can be dropped. Each provider is written with one
 * update of its accounts, so a run stopped half-way leaves every value readable under either key,
 * and a second run finds nothing left to do.
 */

import { recordAudit } from "../../audit/mod.ts";
import type { AppContext } from "../../context.ts";
import { isAppError } from "../../errors/app-error.ts";
import type { ProviderDoc, UpstreamAccountDoc } from "./model.ts";
import { currentKeyId, resealSecret, sealedKeyId } from "./secret-box.ts";
import { providers, providersCollectionAll } from "./service.ts";

type Ctx = Pick<AppContext, "store" | "config">;

export const SEALED_FIELDS = ["url", "username", "password"] as const;
export type SealedField = (typeof SEALED_FIELDS)[number];

/** A value left as it was because it could not be opened (or its provider kept changing). */
export interface ResealFailure {
  storeId: string;
  providerId: string;
  accountId: string;
  field: SealedField;
  keyId: string;
  reason: string;
}

/** What one re-seal run did, whatever the values were (provider credentials, line passwords). */
export interface ResealRun<F> {
  keyId: string;
  scanned: number;
  resealed: number;
  alreadyCurrent: number;
  failed: number;
  failures: F[];
}

export type ResealReport = ResealRun<ResealFailure>;

/** Concurrent edits of one provider are retried this often before its values count as failed. */
const ATTEMPTS = 3;
/** The audit entry lists this many failures; the count is always complete. */
const AUDITED_FAILURES = 100;

interface Plan {
  accounts: UpstreamAccountDoc[];
  resealed: number;
  alreadyCurrent: number;
  failures: ResealFailure[];
}

async function plan(ctx: Ctx, doc: ProviderDoc): Promise<Plan> {
  const out: Plan = { accounts: [], resealed: 0, alreadyCurrent: 0, failures: [] };
  for (const account of doc.accounts) {
    const next = { ...account };
    for (const field of SEALED_FIELDS) {
      const sealed = account[field];
      if (sealed === null) continue;
      const result = await resealSecret(ctx.config, sealed);
      if (result.status === "current") out.alreadyCurrent++;
      else if (result.status === "resealed") {
        next[field] = result.value;
        out.resealed++;
      } else
        out.failures.push({
          storeId: doc.storeId,
          providerId: doc._id,
          accountId: account.id,
          field,
          keyId: result.keyId,
          reason: result.reason,
        });
    }
    out.accounts.push(next);
  }
  return out;
}

/** Reseals one provider's values; a provider deleted meanwhile counts for nothing. */
async function resealProvider(ctx: Ctx, first: ProviderDoc): Promise<Plan | null> {
  let doc = first;
  for (let attempt = 1; ; attempt++) {
    const planned = await plan(ctx, doc);
    if (planned.resealed === 0) return planned;
    try {
      const written = await providers(ctx, doc.storeId).update(
        doc._id,
        { accounts: planned.accounts },
        { expectVersion: doc._v },
      );
      return written ? planned : null;
    } catch (error) {
      if (!isAppError(error) || error.code !== "version_conflict") throw error;
      const fresh = await providers(ctx, doc.storeId).get(doc._id);
      if (!fresh) return null;
      if (attempt === ATTEMPTS) return changedDuringRun(ctx, fresh);
      doc = fresh;
    }
  }
}

function changedDuringRun(ctx: Ctx, doc: ProviderDoc): Plan {
  const current = currentKeyId(ctx.config);
  const out: Plan = { accounts: doc.accounts, resealed: 0, alreadyCurrent: 0, failures: [] };
  for (const account of doc.accounts)
    for (const field of SEALED_FIELDS) {
      const sealed = account[field];
      if (sealed === null) continue;
      const keyId = sealedKeyId(sealed);
      if (keyId === current) out.alreadyCurrent++;
      else
        out.failures.push({
          storeId: doc.storeId,
          providerId: doc._id,
          accountId: account.id,
          field,
          keyId,
          reason: "The provider kept changing during the run; run it again",
        });
    }
  return out;
}

/**
 * Walks every store's providers a page at a time and seals each credential that names another
 * key under the current one. Values that do not open are reported and left untouched; the run
 * goes on. Records one audit entry (actor: system, via the command line).
 */
export async function resealCredentials(ctx: Ctx): Promise<ResealReport> {
  const report = startResealRun<ResealFailure>(ctx.config);
  for await (const doc of providersCollectionAll(ctx)) {
    const done = await resealProvider(ctx, doc);
    if (!done) continue;
    report.resealed += done.resealed;
    report.alreadyCurrent += done.alreadyCurrent;
    report.failures.push(...done.failures);
  }
  report.scanned = report.resealed + report.alreadyCurrent + report.failures.length;
  return finishResealRun(ctx, "provider.credentials_reseal", report);
}

/** A run under the current key that has done nothing yet. */
export function startResealRun<F>(config: Ctx["config"]): ResealRun<F> {
  return { keyId: currentKeyId(config), scanned: 0, resealed: 0, alreadyCurrent: 0, failed: 0, failures: [] };
}

/**
 * Ends a run: counts its failures and records one audit entry (actor: system, via the command
 * line) with the first of them.
 */
export async function finishResealRun<F>(
  ctx: Pick<AppContext, "store">,
  action: string,
  run: ResealRun<F>,
): Promise<ResealRun<F>> {
  run.failed = run.failures.length;
  const { failures, ...counts } = run;
  await recordAudit(ctx, {
    actor: null,
    action,
    storeId: null,
    target: { type: "encryption_key", id: run.keyId },
    after: { ...counts, via: "cli", failures: failures.slice(0, AUDITED_FAILURES) },
  });
  return run;
}
