/**
 * Every change of a subscription: grant, extend, suspend, resume, revoke by store owners and
 * staff, and the free trial a viewer starts. Each one appends to the subscription's history
 * and writes an audit entry. Writes are conditional on the version read, so two concurrent
 * changes cannot silently overwrite each other.
 */

import { recordAudit } from "../../audit/mod.ts";
import type { Actor } from "../../auth/actor.ts";
import { AppError } from "../../errors/app-error.ts";
import { assertOwned } from "../../tenancy/owned.ts";
import { findPlan } from "../plans/mod.ts";
import { revokeAllScreens } from "../screens/revoke.ts";
import type {
  GrantInput,
  HistoryEntry,
  Subscription,
  SubscriptionAction,
  SubscriptionDoc,
  SubscriptionStatus,
} from "./model.ts";
import { type ChangeCtx as Ctx, subscriptionNotFound, subscriptions, toSubscription } from "./service.ts";

const DAY_MS = 86_400_000;

function entry(
  action: SubscriptionAction,
  status: SubscriptionStatus,
  endsAt: string,
  by: Actor,
  note: string | undefined,
  at: string,
): HistoryEntry {
  return { at, action, status, endsAt, actorId: by.principal?.id ?? null, note: note ?? null };
}

function audit(
  ctx: Ctx,
  storeId: string,
  action: SubscriptionAction,
  by: Actor,
  before: unknown,
  after: Subscription,
) {
  return recordAudit(ctx, {
    actor: by.principal,
    action: `subscription.${action}`,
    storeId,
    target: { type: "subscription", id: after.id },
    before,
    after: { viewerId: after.viewerId, planId: after.planId, status: after.status, endsAt: after.endsAt },
    ip: by.ip,
    requestId: by.requestId,
  });
}

export async function grantSubscription(
  ctx: Ctx,
  storeId: string,
  input: GrantInput,
  by: Actor,
): Promise<Subscription> {
  // Only viewers hold subscriptions: another role's id reads as no such viewer.
  await assertOwned(ctx, storeId, "viewer", input.viewerId, "/viewerId");
  await assertOwned(ctx, storeId, "plan", input.planId, "/planId");
  const plan = await findPlan(ctx, storeId, input.planId);
  if (!plan) throw new AppError("not_found", "Plan not found");
  const now = new Date();
  const endsAt = input.endsAt ? new Date(input.endsAt) : new Date(now.getTime() + plan.durationDays * DAY_MS);
  if (!(endsAt.getTime() > now.getTime())) {
    throw new AppError("unprocessable", "The custom expiry must lie in the future", { endsAt: input.endsAt });
  }
  const start = { action: "grant", viewerId: input.viewerId, planId: plan.id, now, endsAt } as const;
  return insertCurrent(ctx, storeId, { ...start, note: input.note }, by);
}

/**
 * A viewer's free trial of a plan: active from now for the plan's `trialDays`. The caller has
 * checked that the viewer may have one (`start-trial.ts`).
 */
export function startTrialSubscription(
  ctx: Ctx,
  storeId: string,
  viewerId: string,
  plan: { id: string; trialDays: number },
  by: Actor,
): Promise<Subscription> {
  const now = new Date();
  const endsAt = new Date(now.getTime() + plan.trialDays * DAY_MS);
  return insertCurrent(ctx, storeId, { action: "trial", viewerId, planId: plan.id, now, endsAt }, by);
}

/** Inserts the viewer's one current subscription (409 `subscription_exists` when there is one). */
async function insertCurrent(
  ctx: Ctx,
  storeId: string,
  start: {
    action: "grant" | "trial";
    viewerId: string;
    planId: string;
    now: Date;
    endsAt: Date;
    note?: string | undefined;
  },
  by: Actor,
): Promise<Subscription> {
  const { action, now, endsAt } = start;
  const at = now.toISOString();
  const ends = endsAt.toISOString();
  let doc: SubscriptionDoc;
  try {
    doc = await subscriptions(ctx, storeId).insert({
      storeId,
      viewerId: start.viewerId,
      planId: start.planId,
      status: "active",
      current: true,
      startsAt: at,
      endsAt: ends,
      history: [entry(action, "active", ends, by, start.note, at)],
      createdAt: at,
      updatedAt: at,
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "duplicate") {
      throw new AppError(
        "subscription_exists",
        "This viewer already has a current subscription; extend or revoke it instead",
      );
    }
    throw error;
  }
  const sub = toSubscription(doc);
  await audit(ctx, storeId, action, by, null, sub);
  return sub;
}

interface Change {
  status: SubscriptionStatus;
  endsAt?: string;
}

/** The change an action makes to a subscription in `from` state, or why it cannot. */
type Rule = (doc: SubscriptionDoc, now: Date) => Change;

function requireStatus(doc: SubscriptionDoc, allowed: SubscriptionStatus[], action: string): void {
  if (!allowed.includes(doc.status)) {
    throw new AppError("invalid_subscription_state", `A ${doc.status} subscription cannot be ${action}`, {
      status: doc.status,
    });
  }
}

async function change(
  ctx: Ctx,
  storeId: string,
  id: string,
  action: SubscriptionAction,
  rule: Rule,
  by: Actor,
  note?: string,
): Promise<Subscription> {
  const collection = subscriptions(ctx, storeId);
  const before = await collection.get(id);
  if (!before) throw subscriptionNotFound();
  const now = new Date();
  const next = rule(before, now);
  const endsAt = next.endsAt ?? before.endsAt;
  const at = now.toISOString();
  const ended = next.status === "expired" || next.status === "revoked";
  const after = await collection.update(
    id,
    {
      status: next.status,
      endsAt,
      current: ended ? null : true,
      history: [...before.history, entry(action, next.status, endsAt, by, note, at)],
      updatedAt: at,
    },
    { expectVersion: before._v },
  );
  if (!after) throw subscriptionNotFound();
  const sub = toSubscription(after);
  await audit(ctx, storeId, action, by, { status: before.status, endsAt: before.endsAt }, sub);
  if (sub.status !== "active") await revokeAllScreens(ctx, { storeId, viewerId: sub.viewerId });
  return sub;
}

/** Adds days to the end; a subscription whose end already passed restarts from now. */
export function extendSubscription(
  ctx: Ctx,
  storeId: string,
  id: string,
  days: number,
  by: Actor,
  note?: string,
) {
  return change(
    ctx,
    storeId,
    id,
    "extend",
    (doc, now) => {
      requireStatus(doc, ["active", "suspended"], "extended");
      const from = Math.max(new Date(doc.endsAt).getTime(), now.getTime());
      return { status: doc.status, endsAt: new Date(from + days * DAY_MS).toISOString() };
    },
    by,
    note,
  );
}

export function suspendSubscription(ctx: Ctx, storeId: string, id: string, by: Actor, note?: string) {
  return change(
    ctx,
    storeId,
    id,
    "suspend",
    (doc) => {
      requireStatus(doc, ["active"], "suspended");
      return { status: "suspended" };
    },
    by,
    note,
  );
}

export function resumeSubscription(ctx: Ctx, storeId: string, id: string, by: Actor, note?: string) {
  return change(
    ctx,
    storeId,
    id,
    "resume",
    (doc) => {
      requireStatus(doc, ["suspended"], "resumed");
      return { status: "active" };
    },
    by,
    note,
  );
}

export function revokeSubscription(ctx: Ctx, storeId: string, id: string, by: Actor, note?: string) {
  return change(
    ctx,
    storeId,
    id,
    "revoke",
    (doc) => {
      requireStatus(doc, ["active", "suspended"], "revoked");
      return { status: "revoked" };
    },
    by,
    note,
  );
}
