/**
 * Stores (tenants): platform admins create, list, suspend and reactivate them; owners (and staff
 * holding `store.manage`) edit branding and settings and manage custom domains; a new owner may
 * sign up with a store when the platform allows it. `GET /v1/public/store` gives the storefront
 * the resolved store's public branding.
 */
import { Elysia, t } from "elysia";
import { accessPlugin, actorOf } from "../../auth/access.ts";
import { requestMeta } from "../../auth/client-ip.ts";
import { rateLimitPlugin } from "../../auth/route-limits.ts";
import type { AppContext } from "../../context.ts";
import { refuseUnparsedBody } from "../../http/pipeline.ts";
import { problems } from "../../http/problem.ts";
import type { IdentityModuleDeps } from "../identity/mod.ts";
import { DeviceSchema, SessionTokensSchema } from "../identity/mod.ts";
import { requireTenant, tenancyPlugin } from "../tenancy/mod.ts";
import { STORE_ACCESS } from "./access.ts";
import { domainRoutes } from "./domain-routes.ts";
import {
  CreateStoreBody,
  ListQuery,
  OwnerInput,
  PublicStoreSchema,
  StorePage,
  StoreParams,
  StoreSchema,
  SuspendBody,
  toPublicStore,
  toStore,
  UpdateStoreBody,
} from "./model.ts";
import { getStoreFor, listStores, setStoreStatus, updateStore } from "./service.ts";
import { createStoreWithOwner, signupStore } from "./signup.ts";

export { STORE_ACCESS } from "./access.ts";
export { DOMAINS_COLLECTION, STORES_COLLECTION, type Store, type StoreDoc } from "./model.ts";
export { findStoreById } from "./repo.ts";

const TAGS = ["stores"];

const SignupBody = t.Object(
  {
    name: CreateStoreBody.properties.name,
    slug: CreateStoreBody.properties.slug,
    owner: OwnerInput,
    device: DeviceSchema,
  },
  {
    additionalProperties: false,
    examples: [
      {
        name: "Acme TV",
        slug: "acme",
        owner: { email: "owner@acme.example", password: "correct horse battery" },
        device: { name: "Chrome", kind: "web" },
      },
    ],
  },
);

/** The storefront's branding: read on every page load, so the looser API limits apply. */
function storefrontRoutes(ctx: AppContext, deps: IdentityModuleDeps) {
  return new Elysia()
    .use(tenancyPlugin(ctx))
    .use(accessPlugin(deps.authenticate))
    .use(rateLimitPlugin(ctx, "api"))
    .get("/v1/public/store", ({ tenant }) => toPublicStore(requireTenant(tenant)), {
      access: STORE_ACCESS["GET /v1/public/store"],
      detail: {
        summary: "Public branding of the store this request resolves to (by host or X-Store)",
        tags: TAGS,
      },
      response: { 200: PublicStoreSchema, ...problems(403, 404, 429) },
    });
}

/** Self-service sign-up: no authentication, strict per-address limits. */
function signupRoutes(ctx: AppContext, deps: IdentityModuleDeps) {
  return new Elysia()
    .use(accessPlugin(deps.authenticate))
    .use(rateLimitPlugin(ctx, "auth"))
    .post(
      "/v1/stores/signup",
      async (c) => {
        const { store, session } = await signupStore(
          ctx,
          deps.signer,
          deps.mail,
          c.body,
          requestMeta(c, ctx.config.TRUST_PROXY),
        );
        c.set.status = 201;
        return { store: toStore(store), session };
      },
      {
        access: STORE_ACCESS["POST /v1/stores/signup"],
        body: SignupBody,
        detail: {
          summary: "Sign up as a store owner with a new store (when the platform allows it)",
          tags: TAGS,
        },
        response: {
          201: t.Object({ store: StoreSchema, session: SessionTokensSchema }),
          ...problems(400, 403, 409, 429),
        },
      },
    );
}

function managementRoutes(ctx: AppContext, deps: IdentityModuleDeps) {
  const trust = ctx.config.TRUST_PROXY;
  return new Elysia({ prefix: "/v1/stores" })
    .use(accessPlugin(deps.authenticate))
    .use(rateLimitPlugin(ctx, "api"))
    .post(
      "/",
      async (c) => {
        const { owner, ...rest } = c.body;
        const { store } = await createStoreWithOwner(
          ctx,
          actorOf(c.principal),
          {
            ...rest,
            ...(owner === undefined ? {} : { owner }),
          } as Parameters<typeof createStoreWithOwner>[2],
          requestMeta(c, trust),
        );
        c.set.status = 201;
        return toStore(store);
      },
      {
        access: STORE_ACCESS["POST /v1/stores"],
        body: CreateStoreBody,
        detail: { summary: "Create a store, optionally with its owner account", tags: TAGS },
        response: { 201: StoreSchema, ...problems(400, 401, 403, 409) },
      },
    )
    .get(
      "/",
      ({ query }) =>
        listStores(ctx, {
          ...(query.status === undefined ? {} : { status: query.status }),
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
          ...(query.limit === undefined ? {} : { limit: query.limit }),
        }),
      {
        access: STORE_ACCESS["GET /v1/stores"],
        query: ListQuery,
        detail: { summary: "List stores, newest first", tags: TAGS },
        response: { 200: StorePage, ...problems(400, 401, 403) },
      },
    )
    .get(
      "/:id",
      async ({ principal, params }) => toStore(await getStoreFor(ctx, actorOf(principal), params.id)),
      {
        access: STORE_ACCESS["GET /v1/stores/:id"],
        params: StoreParams,
        detail: { summary: "One store with its settings", tags: TAGS },
        response: { 200: StoreSchema, ...problems(401, 403, 404) },
      },
    )
    .patch(
      "/:id",
      async (c) =>
        toStore(
          await updateStore(
            ctx,
            actorOf(c.principal),
            c.params.id,
            c.body as Parameters<typeof updateStore>[3],
            requestMeta(c, trust),
          ),
        ),
      {
        access: STORE_ACCESS["PATCH /v1/stores/:id"],
        params: StoreParams,
        body: UpdateStoreBody,
        detail: { summary: "Change a store's name, branding or settings", tags: TAGS },
        response: { 200: StoreSchema, ...problems(400, 401, 403, 404, 409) },
      },
    )
    .post(
      "/:id/suspend",
      async (c) =>
        toStore(
          await setStoreStatus(
            ctx,
            actorOf(c.principal),
            c.params.id,
            "suspended",
            c.body?.reason ?? null,
            requestMeta(c, trust),
          ),
        ),
      {
        access: STORE_ACCESS["POST /v1/stores/:id/suspend"],
        params: StoreParams,
        body: t.Optional(SuspendBody),
        beforeHandle: refuseUnparsedBody,
        detail: { summary: "Suspend a store: its hosts, logins, tokens and keys stop working", tags: TAGS },
        response: { 200: StoreSchema, ...problems(400, 401, 403, 404) },
      },
    )
    .post(
      "/:id/activate",
      async (c) =>
        toStore(
          await setStoreStatus(ctx, actorOf(c.principal), c.params.id, "active", null, requestMeta(c, trust)),
        ),
      {
        access: STORE_ACCESS["POST /v1/stores/:id/activate"],
        params: StoreParams,
        detail: { summary: "Reactivate a suspended store", tags: TAGS },
        response: { 200: StoreSchema, ...problems(401, 403, 404) },
      },
    );
}

export function storesModule(ctx: AppContext, deps: IdentityModuleDeps) {
  return new Elysia({ name: "stores" })
    .use(storefrontRoutes(ctx, deps))
    .use(signupRoutes(ctx, deps))
    .use(managementRoutes(ctx, deps))
    .use(domainRoutes(ctx, deps));
}
