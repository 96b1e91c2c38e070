/**
 * Reading subscriptions, and the store-scoped collection the other files of this module write
 * through. Other modules ask questions here (current subscription, plan in use); they never
 * touch the collection.
 */
import type { AppContext } from "../../context.ts";
import { scoped } from "../../db/mod.ts";
import type { Collection, Filter, Page } from "../../db/port.ts";
import { AppError } from "../../errors/app-error.ts";
import { findPlan } from "../plans/mod.ts";
import {
  type MySubscription,
  SUBSCRIPTIONS_COLLECTION,
  type Subscription,
  type SubscriptionDoc,
  type SubscriptionStatus,
} from "./model.ts";

export type Ctx = Pick<AppContext, "store">;
/** Changes also free the viewer's screens, which live in the cache. */
export type ChangeCtx = Pick<AppContext, "store" | "cache">;

export function subscriptions(ctx: Ctx, storeId: string): Collection<SubscriptionDoc> {
  return scoped(ctx.store.collection<SubscriptionDoc>(SUBSCRIPTIONS_COLLECTION), storeId);
}

export function toSubscription({ _id, _v, storeId, current, ...rest }: SubscriptionDoc): Subscription {
  return { id: _id, ...rest, current: current === true };
}

export function subscriptionNotFound(): AppError {
  return new AppError("not_found", "Subscription not found");
}

export async function getSubscription(ctx: Ctx, storeId: string, id: string): Promise<Subscription> {
  const doc = await subscriptions(ctx, storeId).get(id);
  if (!doc) throw subscriptionNotFound();
  return toSubscription(doc);
}

export async function listSubscriptions(
  ctx: Ctx,
  storeId: string,
  query: {
    viewerId?: string | undefined;
    status?: SubscriptionStatus | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
): Promise<Page<Subscription>> {
  const filter: Filter = { viewerId: query.viewerId, status: query.status };
  const page = await subscriptions(ctx, storeId).find(filter, {
    sort: [["createdAt", -1]],
    limit: query.limit ?? 50,
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  });
  return { items: page.items.map(toSubscription), nextCursor: page.nextCursor };
}

/** The viewer's active or suspended subscription, whatever its end date says. */
export async function findCurrentSubscription(
  ctx: Ctx,
  storeId: string,
  viewerId: string,
): Promise<Subscription | null> {
  const doc = await subscriptions(ctx, storeId).findOne({ viewerId, current: true });
  return doc ? toSubscription(doc) : null;
}

/** The current subscription, else the one that ended last; null when the viewer never had one. */
export async function findLatestSubscription(
  ctx: Ctx,
  storeId: string,
  viewerId: string,
): Promise<Subscription | null> {
  const current = await findCurrentSubscription(ctx, storeId, viewerId);
  if (current) return current;
  const doc = await subscriptions(ctx, storeId).findOne({ viewerId }, { sort: [["createdAt", -1]] });
  return doc ? toSubscription(doc) : null;
}

/** True while any viewer currently holds the plan (so it must not be deleted). */
export async function planInUse(ctx: Ctx, storeId: string, planId: string): Promise<boolean> {
  return (await subscriptions(ctx, storeId).count({ planId, current: true })) > 0;
}

/** The viewer's own view: current or last subscription and its plan's name and screens. */
export async function mySubscription(ctx: Ctx, storeId: string, viewerId: string): Promise<MySubscription> {
  const sub = await findLatestSubscription(ctx, storeId, viewerId);
  if (!sub) return { subscription: null };
  const plan = await findPlan(ctx, storeId, sub.planId);
  return {
    subscription: {
      id: sub.id,
      status: sub.status,
      startsAt: sub.startsAt,
      endsAt: sub.endsAt,
      plan: plan ? { id: plan.id, name: plan.name, screens: plan.screens } : null,
    },
  };
}
