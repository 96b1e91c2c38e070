/**
 * Providers and their upstream accounts: CRUD for store owners, platform admins and staff
 * holding `sources.manage`. Credentials are sealed at rest (`secret-box.ts`) and answered
 * masked; importers and `resolveSources` open them through `credentials.ts`.
 */
import { Elysia, t } from "elysia";
import { type AccessRule, accessPlugin } from "../../auth/access.ts";
import { actorsOf, storeAdmins } from "../../auth/actor.ts";
import type { Authenticate } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { problems } from "../../http/problem.ts";
import { callerStore, tenancyPlugin } from "../tenancy/mod.ts";
import {
  AccountBody,
  AccountParams,
  CreateProviderBody,
  ProviderList,
  ProviderParams,
  ProviderSchema,
  UpdateProviderBody,
} from "./model.ts";
import {
  addAccount,
  createProvider,
  deleteProvider,
  getProvider,
  listProviders,
  removeAccount,
  updateAccount,
  updateProvider,
} from "./service.ts";

export {
  applyCredentials,
  isTemplate,
  openAccounts,
  toTemplate,
  type UpstreamCredentials,
} from "./credentials.ts";
export { credentialKeyStatus, type KeyStatus, type KeyUsage, keyStatusOf } from "./key-status.ts";
export type { Provider, ProviderDoc, ProviderKind } from "./model.ts";
export { PROVIDERS_COLLECTION } from "./model.ts";
export {
  finishResealRun,
  type ResealFailure,
  type ResealReport,
  type ResealRun,
  resealCredentials,
  startResealRun,
} from "./reseal-credentials.ts";
export { IMPORT_JOB, type ImportPayload, syncRefreshSchedule } from "./schedule.ts";
export { currentKeyId, maskSecret, openSecret, resealSecret, sealedKeyId, sealSecret } from "./secret-box.ts";
export { accountConnectionLimit, getProviderDoc, markImported, playableAccounts } from "./service.ts";

const MANAGE = storeAdmins("sources.manage");

/** The one place each route's callers are declared. */
export const PROVIDER_ACCESS = {
  "GET /v1/providers": MANAGE,
  "POST /v1/providers": MANAGE,
  "GET /v1/providers/:id": MANAGE,
  "PATCH /v1/providers/:id": MANAGE,
  "DELETE /v1/providers/:id": MANAGE,
  "POST /v1/providers/:id/accounts": MANAGE,
  "PATCH /v1/providers/:id/accounts/:accountId": MANAGE,
  "DELETE /v1/providers/:id/accounts/:accountId": MANAGE,
} as const satisfies Record<string, AccessRule>;

const TAGS = ["providers"];

export function providersModule(ctx: AppContext, authenticate: Authenticate) {
  const access = PROVIDER_ACCESS;
  const trustProxy = ctx.config.TRUST_PROXY;
  const storeOf = callerStore;
  const by = actorsOf(trustProxy);
  return new Elysia({ name: "providers" })
    .use(accessPlugin(authenticate))
    .use(tenancyPlugin(ctx))
    .get(
      "/v1/providers",
      async ({ principal, tenant }) => ({ items: await listProviders(ctx, storeOf(principal, tenant)) }),
      {
        access: access["GET /v1/providers"],
        detail: { summary: "List the store's providers in priority order (credentials masked)", tags: TAGS },
        response: { 200: ProviderList, ...problems(401, 403) },
      },
    )
    .post(
      "/v1/providers",
      async (c) => {
        const provider = await createProvider(ctx, storeOf(c.principal, c.tenant), c.body, by(c));
        c.set.status = 201;
        return provider;
      },
      {
        access: access["POST /v1/providers"],
        body: CreateProviderBody,
        detail: { summary: "Add an M3U or Xtream Codes provider with its upstream accounts", tags: TAGS },
        response: { 201: ProviderSchema, ...problems(400, 401, 403) },
      },
    )
    .get("/v1/providers/:id", (c) => getProvider(ctx, storeOf(c.principal, c.tenant), c.params.id), {
      access: access["GET /v1/providers/:id"],
      params: ProviderParams,
      detail: { summary: "Read a provider (credentials masked)", tags: TAGS },
      response: { 200: ProviderSchema, ...problems(401, 403, 404) },
    })
    .patch(
      "/v1/providers/:id",
      (c) => updateProvider(ctx, storeOf(c.principal, c.tenant), c.params.id, c.body, by(c)),
      {
        access: access["PATCH /v1/providers/:id"],
        params: ProviderParams,
        body: UpdateProviderBody,
        detail: { summary: "Change a provider's settings or refresh schedule", tags: TAGS },
        response: { 200: ProviderSchema, ...problems(400, 401, 403, 404) },
      },
    )
    .delete(
      "/v1/providers/:id",
      async (c) => {
        await deleteProvider(ctx, storeOf(c.principal, c.tenant), c.params.id, by(c));
        c.set.status = 204;
      },
      {
        access: access["DELETE /v1/providers/:id"],
        params: ProviderParams,
        detail: { summary: "Delete a provider (its imported streams stay, without its sources)", tags: TAGS },
        response: { 204: t.Void(), ...problems(401, 403, 404) },
      },
    )
    .post(
      "/v1/providers/:id/accounts",
      async (c) => {
        const provider = await addAccount(ctx, storeOf(c.principal, c.tenant), c.params.id, c.body, by(c));
        c.set.status = 201;
        return provider;
      },
      {
        access: access["POST /v1/providers/:id/accounts"],
        params: ProviderParams,
        body: AccountBody,
        detail: { summary: "Add an upstream account to a provider", tags: TAGS },
        response: { 201: ProviderSchema, ...problems(400, 401, 403, 404, 409) },
      },
    )
    .patch(
      "/v1/providers/:id/accounts/:accountId",
      (c) =>
        updateAccount(ctx, storeOf(c.principal, c.tenant), c.params.id, c.params.accountId, c.body, by(c)),
      {
        access: access["PATCH /v1/providers/:id/accounts/:accountId"],
        params: AccountParams,
        body: AccountBody,
        detail: { summary: "Change an upstream account (new credentials are sealed again)", tags: TAGS },
        response: { 200: ProviderSchema, ...problems(400, 401, 403, 404, 409) },
      },
    )
    .delete(
      "/v1/providers/:id/accounts/:accountId",
      (c) => removeAccount(ctx, storeOf(c.principal, c.tenant), c.params.id, c.params.accountId, by(c)),
      {
        access: access["DELETE /v1/providers/:id/accounts/:accountId"],
        params: AccountParams,
        detail: { summary: "Remove an upstream account (a provider keeps at least one)", tags: TAGS },
        response: { 200: ProviderSchema, ...problems(401, 403, 404, 409) },
      },
    );
}
