/**
 * The catalog: live channels, movies, series and episodes imported from providers (durable
 * import jobs with live progress), categories, packages that plans include, and the viewer's
 * view of it filtered by their plan. Exports `resolveSources` for the streaming side.
 */
import { Elysia } from "elysia";
import { accessPlugin, actorOf } from "../../auth/access.ts";
import { requestActor } from "../../auth/actor.ts";
import type { Authenticate, Principal } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { problems } from "../../http/problem.ts";
import { assertOwned } from "../../tenancy/owned.ts";
import { callerStore, type targetStore, tenancyPlugin } from "../tenancy/mod.ts";
import { CATALOG_ACCESS } from "./access.ts";
import { listCategories } from "./categories.ts";
import { listEntitled, viewerEntitlement } from "./entitled.ts";
import { getImport, listImports, toImport } from "./imports.ts";
import { itemRoutes } from "./item-routes.ts";
import { shelfRoutes } from "./shelf-routes.ts";

export { getImport as getImportRecord } from "./imports.ts";

import { toItem } from "./items.ts";
import { importTopicRule, startImport } from "./jobs.ts";
import {
  CategoryList,
  CategoryQuery,
  IdParams,
  ImportListQuery,
  ImportPage,
  ImportSchema,
  ItemPage,
  StartImportBody,
  ViewerItemQuery,
} from "./schemas.ts";

export { searchKeyOf } from "./_entry-fields.ts";
export { CATALOG_ACCESS } from "./access.ts";
export { listCategories } from "./categories.ts";
export {
  type Entitlement,
  listEntitled,
  packagesOf,
  playbackDecision,
  sees,
  viewerEntitlement,
} from "./entitled.ts";
export {
  createImport,
  emptyCounts,
  IMPORTS_COLLECTION,
  type ImportDoc,
  type ImportView,
  importsOf,
  MAX_RECORDED_ERRORS,
  reportImport,
  toImport,
} from "./imports.ts";
export { findItem, getItemDoc, toItem } from "./items.ts";
export { IMPORT_JOB, registerCatalogJobs, startImport } from "./jobs.ts";
export {
  CATEGORIES_COLLECTION,
  type CategoryDoc,
  COUNTERS_COLLECTION,
  ITEMS_COLLECTION,
  type ItemDoc,
  type ItemType,
  PACKAGES_COLLECTION,
  type PackageDoc,
} from "./model.ts";
export { categories as categoriesOf, items as itemsOf, scan } from "./repo.ts";
export { type ResolvedSource, resolveSources } from "./resolve-sources.ts";
export { runCatalogImport } from "./run-import.ts";
export { ImportSchema, type Item, ItemSchema } from "./schemas.ts";
export { accountLimit, describeStream, type StreamDescription } from "./stream-lookup.ts";
export { itemTypeOf, type PlayableItemType, streamTypeOf } from "./stream-types.ts";

const TAGS = ["catalog"];

export function catalogModule(ctx: AppContext, authenticate: Authenticate) {
  const access = CATALOG_ACCESS;
  const trustProxy = ctx.config.TRUST_PROXY;
  ctx.realtime.registerTopic("stores/", (principal, topic) =>
    /^stores\/[^/]+\/imports\//.test(topic) ? importTopicRule(principal, topic) : false,
  );
  const storeOf = callerStore;
  const _by = (c: Parameters<typeof requestActor>[2] & { principal: Principal | null }) =>
    requestActor(c.principal, trustProxy, c);
  const entitlementOf = async (principal: Principal | null, tenant: Parameters<typeof targetStore>[1]) => {
    const viewer = actorOf(principal);
    const result = await viewerEntitlement(ctx, storeOf(viewer, tenant), viewer.id);
    if (!result.ok) throw new AppError(result.code, result.message);
    return result.entitlement;
  };
  return new Elysia({ name: "catalog" })
    .use(accessPlugin(authenticate))
    .use(tenancyPlugin(ctx))
    .use(itemRoutes(ctx, authenticate))
    .use(shelfRoutes(ctx, authenticate))
    .post(
      "/v1/catalog/imports",
      async (c) => {
        const storeId = storeOf(c.principal, c.tenant);
        await assertOwned(ctx, storeId, "provider", c.body.providerId, "/providerId");
        const record = await startImport(ctx, storeId, c.body.providerId);
        c.set.status = 202;
        return toImport(record);
      },
      {
        access: access["POST /v1/catalog/imports"],
        body: StartImportBody,
        detail: {
          summary: "Import a provider's catalog as a durable job; follow it on stores/<storeId>/imports/<id>",
          tags: TAGS,
        },
        response: { 202: ImportSchema, ...problems(400, 401, 403, 409, 422) },
      },
    )
    .get(
      "/v1/catalog/imports",
      async (c) => {
        const page = await listImports(ctx, storeOf(c.principal, c.tenant), c.query);
        return { items: page.items.map(toImport), nextCursor: page.nextCursor };
      },
      {
        access: access["GET /v1/catalog/imports"],
        query: ImportListQuery,
        detail: { summary: "List catalog and guide imports, newest first", tags: TAGS },
        response: { 200: ImportPage, ...problems(400, 401, 403) },
      },
    )
    .get(
      "/v1/catalog/imports/:id",
      async (c) => toImport(await getImport(ctx, storeOf(c.principal, c.tenant), c.params.id)),
      {
        access: access["GET /v1/catalog/imports/:id"],
        params: IdParams,
        detail: { summary: "Read an import's status, counts, percent and first errors", tags: TAGS },
        response: { 200: ImportSchema, ...problems(401, 403, 404) },
      },
    )
    .get(
      "/v1/me/catalog/items",
      async (c) => {
        const ent = await entitlementOf(c.principal, c.tenant);
        const page = await listEntitled(ctx, ent, c.query);
        return { items: page.items.map(toItem), nextCursor: page.nextCursor };
      },
      {
        access: access["GET /v1/me/catalog/items"],
        query: ViewerItemQuery,
        detail: {
          summary:
            "What the viewer's plan includes, by type, category, package, series, name prefix or number, from any item either way",
          tags: TAGS,
        },
        response: { 200: ItemPage, ...problems(400, 401, 403) },
      },
    )
    .get(
      "/v1/me/catalog/categories",
      async (c) => {
        const ent = await entitlementOf(c.principal, c.tenant);
        return { items: await listCategories(ctx, ent.storeId, c.query.type) };
      },
      {
        access: access["GET /v1/me/catalog/categories"],
        query: CategoryQuery,
        detail: { summary: "Categories of the store, in display order, for the viewer's menus", tags: TAGS },
        response: { 200: CategoryList, ...problems(400, 401, 403) },
      },
    );
}
