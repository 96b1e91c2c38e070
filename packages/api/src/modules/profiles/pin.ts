/**
 * Checking a profile's PIN. Four digits are only 10,000 guesses, so failures lock the profile
 * out for a window that doubles with each further failure; the lock lives in the shared cache,
 * so it holds across API instances.
 */
import { verifyPassword } from "../../auth/passwords.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { createBackoff } from "../../kv/mod.ts";
import { getProfileDoc, type Owner } from "./service.ts";

/** Three free tries, then 30 s, 60 s, 120 s … up to 15 minutes. */
const BACKOFF = { freeFailures: 3, baseMs: 30_000, maxMs: 15 * 60_000 } as const;

function locked(ms: number): AppError {
  const seconds = Math.ceil(ms / 1000);
  return new AppError("rate_limited", `Too many wrong PINs; try again in ${seconds} s`, {
    retryAfter: seconds,
  });
}

/** Resolves when the PIN matches (or the profile has none); throws pin_incorrect or rate_limited. */
export async function verifyPin(
  ctx: Pick<AppContext, "store" | "cache">,
  owner: Owner,
  id: string,
  pin: string,
): Promise<void> {
  const doc = await getProfileDoc(ctx, owner, id);
  if (doc.pinHash === null) return;
  const backoff = createBackoff(ctx.cache, BACKOFF, "pin:");
  const key = `${owner.storeId}:${id}`;
  const wait = await backoff.lockedFor(key);
  if (wait > 0) throw locked(wait);
  if (await verifyPassword(pin, doc.pinHash)) {
    await backoff.clear(key);
    return;
  }
  const lockMs = await backoff.penalty(key);
  if (lockMs > 0) throw locked(lockMs);
  throw new AppError("pin_incorrect", "The PIN is not correct");
}
