/**
 * API keys of a store: created with a permission set (shown once), listed, revoked. A key is
 * used as `Authorization: Bearer nwk_…` or `X-Api-Key: nwk_…` and acts as store staff holding
 * exactly its permissions.
 */
import { Elysia, t } from "elysia";
import { type AccessRule, accessPlugin, actorOf } from "../../auth/access.ts";
import { requestMeta } from "../../auth/client-ip.ts";
import type { Authenticate } from "../../auth/principal.ts";
import { rateLimitPlugin } from "../../auth/route-limits.ts";
import type { AppContext } from "../../context.ts";
import { problems } from "../../http/problem.ts";
import { targetStore, tenancyPlugin } from "../tenancy/mod.ts";
import {
  ApiKeyListQuery,
  ApiKeyParams,
  ApiKeySchema,
  CreateApiKeyBody,
  CreatedApiKeySchema,
} from "./model.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "./service.ts";

export { API_KEY_PREFIX, API_KEYS_COLLECTION } from "./model.ts";
export { apiKeyName, authenticateApiKey } from "./service.ts";

const MANAGERS = ["platform_admin", "store_owner", "store_staff"] as const;

/** The one place each route's callers are declared (enforced by the `access` option). */
export const API_KEY_ACCESS = {
  "GET /v1/api-keys": { roles: MANAGERS, permission: "api_keys.manage" },
  "POST /v1/api-keys": { roles: MANAGERS, permission: "api_keys.manage" },
  "DELETE /v1/api-keys/:id": { roles: MANAGERS, permission: "api_keys.manage" },
} as const satisfies Record<string, AccessRule>;

const TAGS = ["api-keys"];

export function apiKeysModule(ctx: AppContext, authenticate: Authenticate) {
  const trust = ctx.config.TRUST_PROXY;
  return new Elysia({ name: "apikeys", prefix: "/v1/api-keys" })
    .use(tenancyPlugin(ctx))
    .use(accessPlugin(authenticate))
    .use(rateLimitPlugin(ctx, "api"))
    .get(
      "/",
      ({ principal, tenant, query }) =>
        listApiKeys(
          ctx,
          targetStore(actorOf(principal), tenant, query.storeId),
          query.includeRevoked ?? false,
        ),
      {
        access: API_KEY_ACCESS["GET /v1/api-keys"],
        query: ApiKeyListQuery,
        detail: { summary: "API keys of the store (never the keys themselves)", tags: TAGS },
        response: { 200: t.Array(ApiKeySchema), ...problems(400, 401, 403, 404) },
      },
    )
    .post(
      "/",
      async (c) => {
        const actor = actorOf(c.principal);
        const created = await createApiKey(
          ctx,
          actor,
          targetStore(actor, c.tenant),
          c.body,
          requestMeta(c, trust),
        );
        c.set.status = 201;
        return created;
      },
      {
        access: API_KEY_ACCESS["POST /v1/api-keys"],
        body: CreateApiKeyBody,
        detail: { summary: "Create an API key; the key is in this response only", tags: TAGS },
        response: { 201: CreatedApiKeySchema, ...problems(400, 401, 403, 404) },
      },
    )
    .delete(
      "/:id",
      async (c) => {
        const actor = actorOf(c.principal);
        await revokeApiKey(ctx, actor, targetStore(actor, c.tenant), c.params.id, requestMeta(c, trust));
        c.set.status = 204;
      },
      {
        access: API_KEY_ACCESS["DELETE /v1/api-keys/:id"],
        params: ApiKeyParams,
        detail: { summary: "Revoke an API key; it stops working at once", tags: TAGS },
        response: { 204: t.Void(), ...problems(401, 403, 404) },
      },
    );
}
