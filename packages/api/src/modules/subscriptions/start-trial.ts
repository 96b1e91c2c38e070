/**
 * A viewer starts the free trial of a plan on offer, until checkout exists: once per store for
 * each e-mail address and each device (`trials.ts`), only without a current subscription, and
 * only for an active plan with `trialDays > 0`. The subscription itself is written by
 * `change.ts`, audited like every other change.
 */

import type { Actor } from "../../auth/actor.ts";
import { AppError } from "../../errors/app-error.ts";
import { findPlan } from "../plans/mod.ts";
import { getUserInStore } from "../users/mod.ts";
import { startTrialSubscription } from "./change.ts";
import type { MySubscription, StartTrialInput, TrialStatus } from "./model.ts";
import { type ChangeCtx, findCurrentSubscription, mySubscription } from "./service.ts";
import { releaseTrial, reserveTrial, trialMarkers, trialTaken, trialUsedError } from "./trials.ts";

async function viewerEmail(ctx: ChangeCtx, storeId: string, viewerId: string): Promise<string> {
  const viewer = await getUserInStore(ctx, storeId, viewerId);
  if (viewer?.role !== "viewer") throw new AppError("forbidden", "Only viewers can start a free trial");
  return viewer.email;
}

/** Whether the viewer, on this device, may start a trial now, and why not. */
export async function trialStatus(
  ctx: ChangeCtx,
  storeId: string,
  viewerId: string,
  deviceId: string,
): Promise<TrialStatus> {
  const email = await viewerEmail(ctx, storeId, viewerId);
  if (await findCurrentSubscription(ctx, storeId, viewerId))
    return { available: false, reason: "subscription_exists" };
  if (await trialTaken(ctx, storeId, trialMarkers(storeId, email, deviceId)))
    return { available: false, reason: "trial_used" };
  return { available: true, reason: null };
}

export async function startTrial(
  ctx: ChangeCtx,
  storeId: string,
  viewerId: string,
  input: StartTrialInput,
  by: Actor,
): Promise<MySubscription> {
  const [email, plan] = await Promise.all([
    viewerEmail(ctx, storeId, viewerId),
    findPlan(ctx, storeId, input.planId),
  ]);
  if (!plan?.active) throw new AppError("plan_not_found", "This store offers no such plan");
  if (!(plan.trialDays > 0))
    throw new AppError("plan_has_no_trial", "This plan has no free trial", { planId: plan.id });
  if (await findCurrentSubscription(ctx, storeId, viewerId)) {
    throw new AppError("subscription_exists", "You already have a current plan");
  }
  const markers = trialMarkers(storeId, email, input.deviceId);
  if (await trialTaken(ctx, storeId, markers)) throw trialUsedError();
  const reserved = await reserveTrial(ctx, storeId, markers, { viewerId, planId: plan.id });
  try {
    await startTrialSubscription(ctx, storeId, viewerId, plan, by);
  } catch (error) {
    // No subscription, no trial taken: the viewer may try again.
    await releaseTrial(ctx, storeId, reserved);
    throw error;
  }
  return mySubscription(ctx, storeId, viewerId);
}
