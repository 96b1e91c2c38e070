/**
 * Subscriptions granted by hand: store owners and staff holding `subscriptions.manage` grant,
 * extend, suspend, resume and revoke (staff read with `subscriptions.read`) a viewer's plan (each audited, each appended to the
 * history); viewers read their own and, until checkout exists, start a plan's free trial once
 * (per e-mail and per device). A recurring job expires subscriptions whose end passed.
 */
import { Elysia, t } from "elysia";
import { type AccessRule, accessPlugin, actorOf } from "../../auth/access.ts";
import { actorsOf, storeAdmins, VIEWERS } from "../../auth/actor.ts";
import type { Authenticate } from "../../auth/principal.ts";
import { rateLimitPlugin } from "../../auth/route-limits.ts";
import type { AppContext } from "../../context.ts";
import { refuseUnparsedBody } from "../../http/pipeline.ts";
import { problems } from "../../http/problem.ts";
import { callerStore, tenancyPlugin } from "../tenancy/mod.ts";
import {
  extendSubscription,
  grantSubscription,
  resumeSubscription,
  revokeSubscription,
  suspendSubscription,
} from "./change.ts";
import {
  ExtendBody,
  GrantBody,
  MySubscriptionSchema,
  NoteBody,
  StartTrialBody,
  SubscriptionListQuery,
  SubscriptionPage,
  SubscriptionParams,
  SubscriptionSchema,
  TrialQuery,
  TrialStatusSchema,
} from "./model.ts";
import { getSubscription, listSubscriptions, mySubscription } from "./service.ts";
import { startTrial, trialStatus } from "./start-trial.ts";

export { expireDueSubscriptions } from "./expire.ts";
export { EXPIRE_JOB, EXPIRE_SCHEDULE, registerSubscriptionJobs } from "./jobs.ts";
export type { Subscription, SubscriptionStatus } from "./model.ts";
export { SUBSCRIPTIONS_COLLECTION } from "./model.ts";
export { findCurrentSubscription, findLatestSubscription, planInUse } from "./service.ts";

const READ = storeAdmins("subscriptions.read");
const MANAGE = storeAdmins("subscriptions.manage");

/** The one place each route's callers are declared. */
export const SUBSCRIPTION_ACCESS = {
  "GET /v1/subscriptions": READ,
  "POST /v1/subscriptions": MANAGE,
  "GET /v1/subscriptions/:id": READ,
  "POST /v1/subscriptions/:id/extend": MANAGE,
  "POST /v1/subscriptions/:id/suspend": MANAGE,
  "POST /v1/subscriptions/:id/resume": MANAGE,
  "POST /v1/subscriptions/:id/revoke": MANAGE,
  "GET /v1/me/subscription": VIEWERS,
  "GET /v1/me/trial": VIEWERS,
  "POST /v1/me/trial": VIEWERS,
} as const satisfies Record<string, AccessRule>;

const TAGS = ["subscriptions"];
const CHANGE_RESPONSES = { 200: SubscriptionSchema, ...problems(400, 401, 403, 404, 409) };

export function subscriptionsModule(ctx: AppContext, authenticate: Authenticate) {
  const access = SUBSCRIPTION_ACCESS;
  const trustProxy = ctx.config.TRUST_PROXY;
  const storeOf = callerStore;
  const by = actorsOf(trustProxy);
  return new Elysia({ name: "subscriptions" })
    .use(accessPlugin(authenticate))
    .use(tenancyPlugin(ctx))
    .use(rateLimitPlugin(ctx, "api"))
    .get(
      "/v1/subscriptions",
      ({ principal, tenant, query }) => listSubscriptions(ctx, storeOf(principal, tenant), query),
      {
        access: access["GET /v1/subscriptions"],
        query: SubscriptionListQuery,
        detail: { summary: "List the store's subscriptions, newest first", tags: TAGS },
        response: { 200: SubscriptionPage, ...problems(400, 401, 403) },
      },
    )
    .post(
      "/v1/subscriptions",
      async (c) => {
        const sub = await grantSubscription(ctx, storeOf(c.principal, c.tenant), c.body, by(c));
        c.set.status = 201;
        return sub;
      },
      {
        access: access["POST /v1/subscriptions"],
        body: GrantBody,
        detail: {
          summary: "Grant a viewer a plan by hand (409 subscription_exists when one is current)",
          tags: TAGS,
        },
        response: { 201: SubscriptionSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    )
    .get(
      "/v1/subscriptions/:id",
      ({ principal, tenant, params }) => getSubscription(ctx, storeOf(principal, tenant), params.id),
      {
        access: access["GET /v1/subscriptions/:id"],
        params: SubscriptionParams,
        detail: { summary: "Read a subscription with its history", tags: TAGS },
        response: { 200: SubscriptionSchema, ...problems(401, 403, 404) },
      },
    )
    .post(
      "/v1/subscriptions/:id/extend",
      (c) =>
        extendSubscription(ctx, storeOf(c.principal, c.tenant), c.params.id, c.body.days, by(c), c.body.note),
      {
        access: access["POST /v1/subscriptions/:id/extend"],
        params: SubscriptionParams,
        body: ExtendBody,
        detail: { summary: "Extend a current subscription by whole days", tags: TAGS },
        response: CHANGE_RESPONSES,
      },
    )
    .post(
      "/v1/subscriptions/:id/suspend",
      (c) => suspendSubscription(ctx, storeOf(c.principal, c.tenant), c.params.id, by(c), c.body?.note),
      {
        access: access["POST /v1/subscriptions/:id/suspend"],
        params: SubscriptionParams,
        body: t.Optional(NoteBody),
        beforeHandle: refuseUnparsedBody,
        detail: { summary: "Suspend an active subscription (its end date keeps running)", tags: TAGS },
        response: CHANGE_RESPONSES,
      },
    )
    .post(
      "/v1/subscriptions/:id/resume",
      (c) => resumeSubscription(ctx, storeOf(c.principal, c.tenant), c.params.id, by(c), c.body?.note),
      {
        access: access["POST /v1/subscriptions/:id/resume"],
        params: SubscriptionParams,
        body: t.Optional(NoteBody),
        beforeHandle: refuseUnparsedBody,
        detail: { summary: "Resume a suspended subscription", tags: TAGS },
        response: CHANGE_RESPONSES,
      },
    )
    .post(
      "/v1/subscriptions/:id/revoke",
      (c) => revokeSubscription(ctx, storeOf(c.principal, c.tenant), c.params.id, by(c), c.body?.note),
      {
        access: access["POST /v1/subscriptions/:id/revoke"],
        params: SubscriptionParams,
        body: t.Optional(NoteBody),
        beforeHandle: refuseUnparsedBody,
        detail: { summary: "Revoke a current subscription; it ends at once", tags: TAGS },
        response: CHANGE_RESPONSES,
      },
    )
    .get(
      "/v1/me/subscription",
      ({ principal, tenant }) => mySubscription(ctx, storeOf(principal, tenant), actorOf(principal).id),
      {
        access: access["GET /v1/me/subscription"],
        detail: {
          summary: "The caller's current subscription, else the one that ended last (null if none)",
          tags: TAGS,
        },
        response: { 200: MySubscriptionSchema, ...problems(401, 403) },
      },
    )
    .get(
      "/v1/me/trial",
      ({ principal, tenant, query }) =>
        trialStatus(ctx, storeOf(principal, tenant), actorOf(principal).id, query.deviceId),
      {
        access: access["GET /v1/me/trial"],
        query: TrialQuery,
        detail: {
          summary:
            "Whether the caller may start a free trial on this device (once per e-mail and per device)",
          tags: TAGS,
        },
        response: { 200: TrialStatusSchema, ...problems(400, 401, 403) },
      },
    )
    .post(
      "/v1/me/trial",
      async (c) => {
        const started = await startTrial(
          ctx,
          storeOf(c.principal, c.tenant),
          actorOf(c.principal).id,
          c.body,
          by(c),
        );
        c.set.status = 201;
        return started;
      },
      {
        access: access["POST /v1/me/trial"],
        body: StartTrialBody,
        detail: {
          summary:
            "Start a plan's free trial (trialDays) as the caller's subscription: 409 trial_used when this e-mail or device had one, 409 subscription_exists, 404 plan_not_found, 422 plan_has_no_trial",
          tags: TAGS,
        },
        response: { 201: MySubscriptionSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    );
}
