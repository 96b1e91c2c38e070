/**
 * The expiry sweep: ends every current subscription whose end has passed, in every store.
 * Safe to run repeatedly and on several instances at once: each write is conditional on the
 * version read, and an already-ended subscription no longer matches the filter.
 */

import { recordAudit } from "../../audit/mod.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { revokeAllScreens } from "../screens/revoke.ts";
import { SUBSCRIPTIONS_COLLECTION, type SubscriptionDoc } from "./model.ts";

const BATCH = 200;
/** Bounds one sweep; the next scheduled run picks up whatever is left. */
const MAX_BATCHES = 50;

/** Expires due subscriptions and returns how many this call expired. */
export async function expireDueSubscriptions(
  ctx: Pick<AppContext, "store" | "cache">,
  now: Date = new Date(),
): Promise<number> {
  // The sweep spans every store, so it alone reads the collection unscoped.
  const all = ctx.store.collection<SubscriptionDoc>(SUBSCRIPTIONS_COLLECTION);
  const at = now.toISOString();
  let expired = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const { items } = await all.find({ current: true, endsAt: { lte: at } }, { limit: BATCH });
    let changed = 0;
    for (const doc of items) {
      if (await expireOne(ctx, doc, at)) changed++;
    }
    expired += changed;
    if (items.length < BATCH || changed === 0) break;
  }
  return expired;
}

async function expireOne(
  ctx: Pick<AppContext, "store" | "cache">,
  doc: SubscriptionDoc,
  at: string,
): Promise<boolean> {
  const all = ctx.store.collection<SubscriptionDoc>(SUBSCRIPTIONS_COLLECTION);
  try {
    const after = await all.update(
      doc._id,
      {
        status: "expired",
        current: null,
        history: [
          ...doc.history,
          { at, action: "expire", status: "expired", endsAt: doc.endsAt, actorId: null, note: null },
        ],
        updatedAt: at,
      },
      { expectVersion: doc._v },
    );
    if (!after) return false;
  } catch (error) {
    // Someone changed it since we read it (an extend, another sweep): the next run decides.
    if (error instanceof AppError && error.code === "version_conflict") return false;
    throw error;
  }
  await recordAudit(ctx, {
    actor: null,
    action: "subscription.expire",
    storeId: doc.storeId,
    target: { type: "subscription", id: doc._id },
    before: { status: doc.status, endsAt: doc.endsAt },
    after: { viewerId: doc.viewerId, planId: doc.planId, status: "expired", endsAt: doc.endsAt },
  });
  await revokeAllScreens(ctx, { storeId: doc.storeId, viewerId: doc.viewerId });
  return true;
}
