/**
 * The one entitlement decision: may this viewer watch this stream now? The streaming route
 * asks it before handing out a route token; it answers with the plan (and its screen limit)
 * or with a stable code the player can explain.
 */
import type { AppContext } from "../../context.ts";
import type { Plan } from "../plans/mod.ts";
import { findPlan } from "../plans/mod.ts";
import { findLatestSubscription } from "../subscriptions/mod.ts";
import { getStoreCached } from "../tenancy/mod.ts";

export const DENIAL_CODES = [
  "store_suspended",
  "no_subscription",
  "subscription_expired",
  "subscription_suspended",
  "not_in_plan",
] as const;
export type DenialCode = (typeof DENIAL_CODES)[number];

export interface WatchRequest {
  storeId: string;
  viewerId: string;
  streamId: string;
  /** The channel packages the stream belongs to. */
  packageIds: readonly string[];
}

export type WatchDecision =
  | { allowed: true; plan: Plan; screens: number }
  | { allowed: false; code: DenialCode; message: string };

function deny(code: DenialCode, message: string): WatchDecision {
  return { allowed: false, code, message };
}

export async function canWatch(
  ctx: Pick<AppContext, "store" | "cache" | "config">,
  request: WatchRequest,
): Promise<WatchDecision> {
  const { storeId, viewerId, packageIds } = request;
  const store = await getStoreCached(ctx, storeId);
  if (store?.status === "suspended") return deny("store_suspended", "This store is suspended");
  const sub = await findLatestSubscription(ctx, storeId, viewerId);
  if (!sub || sub.status === "revoked")
    return deny("no_subscription", "You have no subscription in this store");
  // Judged on the end date too: the expiry sweep may not have run yet.
  if (sub.status === "expired" || Date.parse(sub.endsAt) <= Date.now()) {
    return deny("subscription_expired", `Your subscription ended on ${sub.endsAt}`);
  }
  if (sub.status === "suspended") return deny("subscription_suspended", "Your subscription is suspended");
  const plan = await findPlan(ctx, storeId, sub.planId);
  const included = new Set(plan?.packageIds ?? []);
  if (!plan || !packageIds.some((id) => included.has(id))) {
    return deny("not_in_plan", "This channel is not included in your plan");
  }
  return { allowed: true, plan, screens: plan.screens };
}
