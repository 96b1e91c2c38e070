/**
 * Plan storage and rules. Every read and write goes through the store-scoped collection, so
 * another store's plan is simply not found.
 */

import { recordAudit } from "../../audit/mod.ts";
import type { Actor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { scoped } from "../../db/mod.ts";
import type { Collection, Page, Patch } from "../../db/port.ts";
import { AppError } from "../../errors/app-error.ts";
import { assertOwned } from "../../tenancy/owned.ts";
import {
  type CreatePlanInput,
  PLANS_COLLECTION,
  type Plan,
  type PlanDoc,
  type PublicPlan,
  type UpdatePlanInput,
} from "./model.ts";

type Ctx = Pick<AppContext, "store">;

function plans(ctx: Ctx, storeId: string): Collection<PlanDoc> {
  return scoped(ctx.store.collection<PlanDoc>(PLANS_COLLECTION), storeId);
}

export function toPlan({ _id, _v, storeId, ...rest }: PlanDoc): Plan {
  return { id: _id, ...rest };
}

export function toPublicPlan(plan: Plan): PublicPlan {
  const { id, name, description, price, currency, durationDays, screens, trialDays, packageIds } = plan;
  return { id, name, description, price, currency, durationDays, screens, trialDays, packageIds };
}

function notFound(): AppError {
  return new AppError("not_found", "Plan not found");
}

export async function findPlan(ctx: Ctx, storeId: string, id: string): Promise<Plan | null> {
  const doc = await plans(ctx, storeId).get(id);
  return doc ? toPlan(doc) : null;
}

export async function getPlan(ctx: Ctx, storeId: string, id: string): Promise<Plan> {
  const plan = await findPlan(ctx, storeId, id);
  if (!plan) throw notFound();
  return plan;
}

export async function listPlans(
  ctx: Ctx,
  storeId: string,
  options: { cursor?: string | undefined; limit?: number | undefined } = {},
): Promise<Page<Plan>> {
  const page = await plans(ctx, storeId).find(
    {},
    {
      sort: [["sortOrder", 1]],
      limit: options.limit ?? 50,
      ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
    },
  );
  return { items: page.items.map(toPlan), nextCursor: page.nextCursor };
}

/** The storefront's offer: active plans in display order. */
export async function listPublicPlans(ctx: Ctx, storeId: string): Promise<PublicPlan[]> {
  const page = await plans(ctx, storeId).find({ active: true }, { sort: [["sortOrder", 1]], limit: 200 });
  return page.items.map((doc) => toPublicPlan(toPlan(doc)));
}

export async function createPlan(
  ctx: Ctx,
  storeId: string,
  input: CreatePlanInput,
  by: Actor,
): Promise<Plan> {
  await assertOwned(ctx, storeId, "package", input.packageIds, "/packageIds");
  const now = new Date().toISOString();
  const doc = await plans(ctx, storeId).insert({
    storeId,
    name: input.name,
    description: input.description ?? "",
    price: input.price,
    currency: input.currency,
    durationDays: input.durationDays,
    screens: input.screens,
    trialDays: input.trialDays ?? 0,
    packageIds: input.packageIds ?? [],
    active: input.active ?? true,
    sortOrder: input.sortOrder ?? 0,
    createdAt: now,
    updatedAt: now,
  });
  const plan = toPlan(doc);
  await recordAudit(ctx, { ...auditBase(by, storeId, plan.id), action: "plan.create", after: plan });
  return plan;
}

export async function updatePlan(
  ctx: Ctx,
  storeId: string,
  id: string,
  input: UpdatePlanInput,
  by: Actor,
): Promise<Plan> {
  const collection = plans(ctx, storeId);
  const before = await collection.get(id);
  if (!before) throw notFound();
  await assertOwned(ctx, storeId, "package", input.packageIds, "/packageIds");
  const patch: Patch<PlanDoc> = { updatedAt: new Date().toISOString() };
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) (patch as Record<string, unknown>)[key] = value;
  }
  const after = await collection.update(id, patch, { expectVersion: before._v });
  if (!after) throw notFound();
  const plan = toPlan(after);
  await recordAudit(ctx, {
    ...auditBase(by, storeId, id),
    action: "plan.update",
    before: toPlan(before),
    after: plan,
  });
  return plan;
}

/**
 * Deletes a plan nobody currently holds; `inUse` answers that question (the subscriptions
 * module owns it), so a held plan should be deactivated instead.
 */
export async function deletePlan(
  ctx: Ctx,
  storeId: string,
  id: string,
  inUse: (planId: string) => Promise<boolean>,
  by: Actor,
): Promise<void> {
  const collection = plans(ctx, storeId);
  const before = await collection.get(id);
  if (!before) throw notFound();
  if (await inUse(id)) {
    throw new AppError("plan_in_use", "Viewers hold this plan; deactivate it instead of deleting it");
  }
  await collection.delete(id);
  await recordAudit(ctx, { ...auditBase(by, storeId, id), action: "plan.delete", before: toPlan(before) });
}

function auditBase(by: Actor, storeId: string, planId: string) {
  return {
    actor: by.principal,
    storeId,
    target: { type: "plan", id: planId },
    ip: by.ip,
    requestId: by.requestId,
  };
}
