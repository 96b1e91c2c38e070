/**
 * Custom-domain routes of a store: add (returns the verification token), list, verify, remove.
 */
import { Elysia, t } from "elysia";
import { accessPlugin, actorOf } from "../../auth/access.ts";
import { requestMeta } from "../../auth/client-ip.ts";
import { rateLimitPlugin } from "../../auth/route-limits.ts";
import type { AppContext } from "../../context.ts";
import { problems } from "../../http/problem.ts";
import type { IdentityModuleDeps } from "../identity/mod.ts";
import { STORE_ACCESS } from "./access.ts";
import { addDomain, listDomains, removeDomain, toDomain, verifyDomain } from "./domains.ts";
import { AddDomainBody, DomainParams, DomainSchema, StoreParams } from "./model.ts";
import { getStoreFor } from "./service.ts";

const TAGS = ["stores"];

export function domainRoutes(ctx: AppContext, deps: IdentityModuleDeps) {
  const trust = ctx.config.TRUST_PROXY;
  return new Elysia({ prefix: "/v1/stores" })
    .use(accessPlugin(deps.authenticate))
    .use(rateLimitPlugin(ctx, "api"))
    .get(
      "/:id/domains",
      async ({ principal, params }) => {
        const store = await getStoreFor(ctx, actorOf(principal), params.id);
        return (await listDomains(ctx, store._id)).map((d) => toDomain(ctx.config, d));
      },
      {
        access: STORE_ACCESS["GET /v1/stores/:id/domains"],
        params: StoreParams,
        detail: { summary: "Custom domains of a store", tags: TAGS },
        response: { 200: t.Array(DomainSchema), ...problems(401, 403, 404) },
      },
    )
    .post(
      "/:id/domains",
      async (c) => {
        const actor = actorOf(c.principal);
        const store = await getStoreFor(ctx, actor, c.params.id);
        c.set.status = 201;
        return toDomain(
          ctx.config,
          await addDomain(ctx, actor, store._id, c.body.domain, requestMeta(c, trust)),
        );
      },
      {
        access: STORE_ACCESS["POST /v1/stores/:id/domains"],
        params: StoreParams,
        body: AddDomainBody,
        detail: {
          summary: "Add a custom domain; serve the returned token at its verification URL",
          tags: TAGS,
        },
        response: { 201: DomainSchema, ...problems(400, 401, 403, 404, 409) },
      },
    )
    .post(
      "/:id/domains/:domainId/verify",
      async (c) => {
        const actor = actorOf(c.principal);
        const store = await getStoreFor(ctx, actor, c.params.id);
        return toDomain(
          ctx.config,
          await verifyDomain(ctx, actor, store._id, c.params.domainId, requestMeta(c, trust)),
        );
      },
      {
        access: STORE_ACCESS["POST /v1/stores/:id/domains/:domainId/verify"],
        params: DomainParams,
        detail: { summary: "Check the domain serves its token and mark it verified", tags: TAGS },
        response: { 200: DomainSchema, ...problems(401, 403, 404, 422) },
      },
    )
    .delete(
      "/:id/domains/:domainId",
      async (c) => {
        const actor = actorOf(c.principal);
        const store = await getStoreFor(ctx, actor, c.params.id);
        await removeDomain(ctx, actor, store._id, c.params.domainId, requestMeta(c, trust));
        c.set.status = 204;
      },
      {
        access: STORE_ACCESS["DELETE /v1/stores/:id/domains/:domainId"],
        params: DomainParams,
        detail: { summary: "Remove a custom domain; it stops resolving at once", tags: TAGS },
        response: { 204: t.Void(), ...problems(401, 403, 404) },
      },
    );
}
