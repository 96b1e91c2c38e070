/**
 * Which free trials a store has given: a marker per normalised e-mail and per device id, kept
 * as SHA-256 hashes. Reserving both markers before the subscription is written (unique index
 * on store + marker) makes a second trial by the same person or device, even concurrently,
 * answer `trial_used`.
 */
import { sha256Hex } from "../../auth/secrets.ts";
import type { AppContext } from "../../context.ts";
import { scoped } from "../../db/mod.ts";
import type { Collection } from "../../db/port.ts";
import { AppError } from "../../errors/app-error.ts";
import { TRIALS_COLLECTION, type TrialDoc } from "./model.ts";

type Ctx = Pick<AppContext, "store">;

const GMAIL = new Set(["gmail.com", "googlemail.com"]);

/**
 * One person's address however it is spelt: lower case, no `+tag` (sub-addressing), and for
 * Gmail no dots in the local part (Gmail ignores them) and one domain for googlemail.com.
 */
export function trialEmail(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf("@");
  if (at < 1) return address;
  let local = address.slice(0, at);
  let domain = address.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  if (GMAIL.has(domain)) {
    local = local.replaceAll(".", "");
    domain = "gmail.com";
  }
  return `${local}@${domain}`;
}

export function trialMarkers(storeId: string, email: string, deviceId: string): [string, string] {
  return [
    `email:${sha256Hex(`nevewatch-trial:${storeId}:email:${trialEmail(email)}`)}`,
    `device:${sha256Hex(`nevewatch-trial:${storeId}:device:${deviceId.trim()}`)}`,
  ];
}

function trials(ctx: Ctx, storeId: string): Collection<TrialDoc> {
  return scoped(ctx.store.collection<TrialDoc>(TRIALS_COLLECTION), storeId);
}

export async function trialTaken(ctx: Ctx, storeId: string, markers: readonly string[]): Promise<boolean> {
  return (await trials(ctx, storeId).count({ marker: { in: [...markers] } })) > 0;
}

function used(): AppError {
  return new AppError("trial_used", "A free trial was already used with this e-mail address or device");
}

/** Reserves every marker or none; gives back the ids to `releaseTrial` if the trial fails after. */
export async function reserveTrial(
  ctx: Ctx,
  storeId: string,
  markers: readonly string[],
  who: { viewerId: string; planId: string },
): Promise<string[]> {
  const collection = trials(ctx, storeId);
  const ids: string[] = [];
  const createdAt = new Date().toISOString();
  try {
    for (const marker of markers) {
      ids.push((await collection.insert({ storeId, marker, ...who, createdAt }))._id);
    }
  } catch (error) {
    await releaseTrial(ctx, storeId, ids);
    if (error instanceof AppError && error.code === "duplicate") throw used();
    throw error;
  }
  return ids;
}

export async function releaseTrial(ctx: Ctx, storeId: string, ids: readonly string[]): Promise<void> {
  for (const id of ids) await trials(ctx, storeId).delete(id);
}

export { used as trialUsedError };
