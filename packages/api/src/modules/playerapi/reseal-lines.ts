/**
 * Player-line passwords are sealed with the same keys as provider credentials; after a key
 * rotation they are sealed again under the current key here, so the previous key can go.
 * A line regenerated during the run keeps its new password (the write names the version read).
 */
import type { AppContext } from "../../context.ts";
import { scan } from "../../db/mod.ts";
import { isAppError } from "../../errors/app-error.ts";
import {
  finishResealRun,
  type ResealRun,
  resealSecret,
  sealedKeyId,
  startResealRun,
} from "../providers/mod.ts";
import { lines } from "./lines.ts";
import { LINES_COLLECTION, type LineDoc } from "./model.ts";

type Ctx = Pick<AppContext, "store" | "config">;

export interface LineResealFailure {
  storeId: string;
  lineId: string;
  keyId: string;
  reason: string;
}

export type LineResealReport = ResealRun<LineResealFailure>;

/** Every store's lines, a page at a time. */
function allLines(ctx: Pick<AppContext, "store">): AsyncGenerator<LineDoc> {
  return scan(ctx.store.collection<LineDoc>(LINES_COLLECTION));
}

/** The sealed password of every line (for `keys status`). */
export async function* sealedLinePasswords(ctx: Pick<AppContext, "store">): AsyncGenerator<string> {
  for await (const line of allLines(ctx)) yield line.password;
}

/** Seals every line password that names another key under the current one. */
export async function resealLinePasswords(ctx: Ctx): Promise<LineResealReport> {
  const report = startResealRun<LineResealFailure>(ctx.config);
  const fail = (line: LineDoc, reason: string) =>
    report.failures.push({
      storeId: line.storeId,
      lineId: line._id,
      keyId: sealedKeyId(line.password),
      reason,
    });
  for await (const line of allLines(ctx)) {
    report.scanned++;
    const result = await resealSecret(ctx.config, line.password);
    if (result.status === "current") report.alreadyCurrent++;
    else if (result.status === "failed") fail(line, result.reason);
    else {
      try {
        const written = await lines(ctx, line.storeId).update(
          line._id,
          { password: result.value },
          { expectVersion: line._v },
        );
        // Deleted meanwhile: nothing left to reseal.
        if (written) report.resealed++;
        else report.scanned--;
      } catch (error) {
        if (!isAppError(error) || error.code !== "version_conflict") throw error;
        // Regenerated during the run: its new password is already under the current key.
        const fresh = await lines(ctx, line.storeId).get(line._id);
        if (fresh && sealedKeyId(fresh.password) === report.keyId) report.alreadyCurrent++;
        else if (fresh) fail(fresh, "The line changed during the run; run it again");
        else report.scanned--;
      }
    }
  }
  return finishResealRun(ctx, "player_line.passwords_reseal", report);
}
