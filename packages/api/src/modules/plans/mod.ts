/**
 * Plans a store sells: CRUD for store owners, platform admins and staff holding `plans.manage`,
 * and the public storefront list of active plans for the store the request resolves to.
 */
import { Elysia, t } from "elysia";
import { type AccessRule, accessPlugin } from "../../auth/access.ts";
import { requestActor, storeAdmins } from "../../auth/actor.ts";
import type { Authenticate } from "../../auth/principal.ts";
import { rateLimitPlugin } from "../../auth/route-limits.ts";
import type { AppContext } from "../../context.ts";
import { problems } from "../../http/problem.ts";
import { callerStore, requireTenant, tenancyPlugin } from "../tenancy/mod.ts";
import {
  CreatePlanBody,
  PlanListQuery,
  PlanPage,
  PlanParams,
  PlanSchema,
  PublicPlanList,
  UpdatePlanBody,
} from "./model.ts";
import { createPlan, deletePlan, getPlan, listPlans, listPublicPlans, updatePlan } from "./service.ts";

export type { Plan, PublicPlan } from "./model.ts";
export { PLANS_COLLECTION } from "./model.ts";
export { findPlan, getPlan } from "./service.ts";

const MANAGE = storeAdmins("plans.manage");

/** The one place each route's callers are declared (enforced by the `access` option). */
export const PLAN_ACCESS = {
  "GET /v1/public/plans": { roles: "public" },
  "GET /v1/plans": MANAGE,
  "POST /v1/plans": MANAGE,
  "GET /v1/plans/:id": MANAGE,
  "PATCH /v1/plans/:id": MANAGE,
  "DELETE /v1/plans/:id": MANAGE,
} as const satisfies Record<string, AccessRule>;

const TAGS = ["plans"];

/**
 * Whether a store's plan still has current subscriptions (a plan in use is not deleted). The
 * composition passes the subscriptions module's answer, so plans does not depend on it.
 */
export type PlanInUse = (ctx: AppContext, storeId: string, planId: string) => Promise<boolean>;

export function plansModule(ctx: AppContext, authenticate: Authenticate, planInUse: PlanInUse) {
  const trustProxy = ctx.config.TRUST_PROXY;
  const storeOf = callerStore;
  return new Elysia({ name: "plans" })
    .use(accessPlugin(authenticate))
    .use(tenancyPlugin(ctx))
    .use(rateLimitPlugin(ctx, "api"))
    .get(
      "/v1/public/plans",
      async ({ tenant }) => ({ items: await listPublicPlans(ctx, requireTenant(tenant)._id) }),
      {
        access: PLAN_ACCESS["GET /v1/public/plans"],
        detail: { summary: "Active plans offered on this store's storefront", tags: TAGS },
        response: { 200: PublicPlanList, ...problems(400, 403, 404) },
      },
    )
    .get("/v1/plans", ({ principal, tenant, query }) => listPlans(ctx, storeOf(principal, tenant), query), {
      access: PLAN_ACCESS["GET /v1/plans"],
      query: PlanListQuery,
      detail: { summary: "List the store's plans, active or not, in display order", tags: TAGS },
      response: { 200: PlanPage, ...problems(400, 401, 403) },
    })
    .post(
      "/v1/plans",
      async (c) => {
        const storeId = storeOf(c.principal, c.tenant);
        const plan = await createPlan(ctx, storeId, c.body, requestActor(c.principal, trustProxy, c));
        c.set.status = 201;
        return plan;
      },
      {
        access: PLAN_ACCESS["POST /v1/plans"],
        body: CreatePlanBody,
        detail: { summary: "Create a plan", tags: TAGS },
        response: { 201: PlanSchema, ...problems(400, 401, 403, 422) },
      },
    )
    .get(
      "/v1/plans/:id",
      ({ principal, tenant, params }) => getPlan(ctx, storeOf(principal, tenant), params.id),
      {
        access: PLAN_ACCESS["GET /v1/plans/:id"],
        params: PlanParams,
        detail: { summary: "Read a plan", tags: TAGS },
        response: { 200: PlanSchema, ...problems(401, 403, 404) },
      },
    )
    .patch(
      "/v1/plans/:id",
      (c) =>
        updatePlan(
          ctx,
          storeOf(c.principal, c.tenant),
          c.params.id,
          c.body,
          requestActor(c.principal, trustProxy, c),
        ),
      {
        access: PLAN_ACCESS["PATCH /v1/plans/:id"],
        params: PlanParams,
        body: UpdatePlanBody,
        detail: {
          summary: "Change a plan; current subscribers keep it even when it is deactivated",
          tags: TAGS,
        },
        response: { 200: PlanSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    )
    .delete(
      "/v1/plans/:id",
      async (c) => {
        const storeId = storeOf(c.principal, c.tenant);
        const inUse = (planId: string) => planInUse(ctx, storeId, planId);
        await deletePlan(ctx, storeId, c.params.id, inUse, requestActor(c.principal, trustProxy, c));
        c.set.status = 204;
      },
      {
        access: PLAN_ACCESS["DELETE /v1/plans/:id"],
        params: PlanParams,
        detail: {
          summary: "Delete a plan no viewer currently holds (409 plan_in_use otherwise)",
          tags: TAGS,
        },
        response: { 204: t.Void(), ...problems(401, 403, 404, 409) },
      },
    );
}
