/**
 * The catalog: live channels, movies, series and episodes imported from providers (durable
 * import jobs with live progress), categories, packages that plans include, and the viewer's
 * view of it filtered by their plan. Exports `resolveSources` for the streaming side.
 */
import { Elysia, t } from "elysia";
import { type AccessRule, accessPlugin, actorOf } from "../../auth/access.ts";
import type { Authenticate, Principal } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { problems } from "../../http/problem.ts";
import { requestActor, storeAdmins, VIEWERS } from "../entitlements/mod.ts";
import { getProviderDoc } from "../providers/mod.ts";
import { targetStore, tenancyPlugin } from "../tenancy/mod.ts";
import {
  createCategory,
  deleteCategory,
  listCategories,
  reorderCategories,
  updateCategory,
} from "./categories.ts";
import { listEntitled, viewerEntitlement } from "./entitled.ts";
import { getImport, listImports, toImport } from "./imports.ts";

export { getImport as getImportRecord } from "./imports.ts";

import { bulkEditItems, getItemDoc, listItems, reorderItems, toItem, updateItem } from "./items.ts";
import { importTopicRule, startImport } from "./jobs.ts";
import {
  createPackage,
  deletePackage,
  getPackage,
  listPackageDocs,
  toPackage,
  updatePackage,
} from "./packages.ts";
import {
  BulkEditBody,
  CategoryList,
  CategoryQuery,
  CategorySchema,
  Changed,
  CreateCategoryBody,
  CreatePackageBody,
  IdParams,
  ImportListQuery,
  ImportPage,
  ImportSchema,
  ItemListQuery,
  ItemPage,
  ItemSchema,
  MergeBody,
  PackageList,
  PackageSchema,
  ReorderBody,
  SourceOrderBody,
  StartImportBody,
  UpdateCategoryBody,
  UpdateItemBody,
  UpdatePackageBody,
} from "./schemas.ts";
import { mergeItems, orderSources } from "./sources.ts";

export { searchKeyOf } from "./_entry-fields.ts";
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
export { type ResolvedSource, resolveSources, type StreamType } from "./resolve-sources.ts";
export { runCatalogImport } from "./run-import.ts";
export { ImportSchema, type Item, ItemSchema } from "./schemas.ts";
export { accountLimit, describeStream, type StreamDescription } from "./stream-lookup.ts";

const READ = storeAdmins("catalog.read");
const MANAGE = storeAdmins("catalog.manage");
const SOURCES = storeAdmins("sources.manage");

/** The one place each route's callers are declared. */
export const CATALOG_ACCESS = {
  "GET /v1/catalog/items": READ,
  "GET /v1/catalog/items/:id": READ,
  "PATCH /v1/catalog/items/:id": MANAGE,
  "POST /v1/catalog/items/bulk": MANAGE,
  "POST /v1/catalog/items/reorder": MANAGE,
  "POST /v1/catalog/items/:id/merge": MANAGE,
  "PUT /v1/catalog/items/:id/sources": MANAGE,
  "GET /v1/catalog/categories": READ,
  "POST /v1/catalog/categories": MANAGE,
  "PATCH /v1/catalog/categories/:id": MANAGE,
  "DELETE /v1/catalog/categories/:id": MANAGE,
  "POST /v1/catalog/categories/reorder": MANAGE,
  "GET /v1/catalog/packages": READ,
  "POST /v1/catalog/packages": MANAGE,
  "GET /v1/catalog/packages/:id": READ,
  "PATCH /v1/catalog/packages/:id": MANAGE,
  "DELETE /v1/catalog/packages/:id": MANAGE,
  "POST /v1/catalog/imports": SOURCES,
  "GET /v1/catalog/imports": SOURCES,
  "GET /v1/catalog/imports/:id": SOURCES,
  "GET /v1/me/catalog/items": VIEWERS,
  "GET /v1/me/catalog/categories": VIEWERS,
} as const satisfies Record<string, AccessRule>;

const TAGS = ["catalog"];

export function catalogModule(ctx: AppContext, authenticate: Authenticate) {
  const access = CATALOG_ACCESS;
  const trustProxy = ctx.config.TRUST_PROXY;
  ctx.realtime.registerTopic("stores/", (principal, topic) =>
    /^stores\/[^/]+\/imports\//.test(topic) ? importTopicRule(principal, topic) : false,
  );
  const storeOf = (principal: Principal | null, tenant: Parameters<typeof targetStore>[1]) =>
    targetStore(actorOf(principal), tenant);
  const by = (c: Parameters<typeof requestActor>[2] & { principal: Principal | null }) =>
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
    .get("/v1/catalog/items", (c) => listItems(ctx, storeOf(c.principal, c.tenant), c.query), {
      access: access["GET /v1/catalog/items"],
      query: ItemListQuery,
      detail: { summary: "List catalog items by type, category, series or name prefix", tags: TAGS },
      response: { 200: ItemPage, ...problems(400, 401, 403) },
    })
    .get(
      "/v1/catalog/items/:id",
      async (c) => toItem(await getItemDoc(ctx, storeOf(c.principal, c.tenant), c.params.id)),
      {
        access: access["GET /v1/catalog/items/:id"],
        params: IdParams,
        detail: { summary: "Read a catalog item", tags: TAGS },
        response: { 200: ItemSchema, ...problems(401, 403, 404) },
      },
    )
    .patch(
      "/v1/catalog/items/:id",
      (c) => updateItem(ctx, storeOf(c.principal, c.tenant), c.params.id, c.body, by(c)),
      {
        access: access["PATCH /v1/catalog/items/:id"],
        params: IdParams,
        body: UpdateItemBody,
        detail: {
          summary: "Edit an item (edited fields are kept on re-import); epgId is the manual guide override",
          tags: TAGS,
        },
        response: { 200: ItemSchema, ...problems(400, 401, 403, 404, 422) },
      },
    )
    .post(
      "/v1/catalog/items/bulk",
      async (c) => ({
        changed: await bulkEditItems(ctx, storeOf(c.principal, c.tenant), c.body.ids, c.body.set, by(c)),
      }),
      {
        access: access["POST /v1/catalog/items/bulk"],
        body: BulkEditBody,
        detail: { summary: "Enable, disable or move many items at once", tags: TAGS },
        response: { 200: Changed, ...problems(400, 401, 403, 422) },
      },
    )
    .post(
      "/v1/catalog/items/reorder",
      async (c) => ({ changed: await reorderItems(ctx, storeOf(c.principal, c.tenant), c.body.ids) }),
      {
        access: access["POST /v1/catalog/items/reorder"],
        body: ReorderBody,
        detail: { summary: "Set the display order of items (first listed = top)", tags: TAGS },
        response: { 200: Changed, ...problems(400, 401, 403) },
      },
    )
    .post(
      "/v1/catalog/items/:id/merge",
      (c) => mergeItems(ctx, storeOf(c.principal, c.tenant), c.params.id, c.body.fromIds, by(c)),
      {
        access: access["POST /v1/catalog/items/:id/merge"],
        params: IdParams,
        body: MergeBody,
        detail: {
          summary:
            "Merge the same channel or movie from other providers: their sources join this item's, in order",
          tags: TAGS,
        },
        response: { 200: ItemSchema, ...problems(400, 401, 403, 404, 422) },
      },
    )
    .put(
      "/v1/catalog/items/:id/sources",
      (c) => orderSources(ctx, storeOf(c.principal, c.tenant), c.params.id, c.body.order, by(c)),
      {
        access: access["PUT /v1/catalog/items/:id/sources"],
        params: IdParams,
        body: SourceOrderBody,
        detail: { summary: "Set the priority order of an item's sources (or drop some)", tags: TAGS },
        response: { 200: ItemSchema, ...problems(400, 401, 403, 404, 422) },
      },
    )
    .get(
      "/v1/catalog/categories",
      async (c) => ({ items: await listCategories(ctx, storeOf(c.principal, c.tenant), c.query.type) }),
      {
        access: access["GET /v1/catalog/categories"],
        query: CategoryQuery,
        detail: { summary: "List categories in display order", tags: TAGS },
        response: { 200: CategoryList, ...problems(400, 401, 403) },
      },
    )
    .post(
      "/v1/catalog/categories",
      async (c) => {
        const category = await createCategory(ctx, storeOf(c.principal, c.tenant), c.body.type, c.body.name);
        c.set.status = 201;
        return category;
      },
      {
        access: access["POST /v1/catalog/categories"],
        body: CreateCategoryBody,
        detail: { summary: "Add a category", tags: TAGS },
        response: { 201: CategorySchema, ...problems(400, 401, 403, 409) },
      },
    )
    .patch(
      "/v1/catalog/categories/:id",
      (c) => updateCategory(ctx, storeOf(c.principal, c.tenant), c.params.id, c.body),
      {
        access: access["PATCH /v1/catalog/categories/:id"],
        params: IdParams,
        body: UpdateCategoryBody,
        detail: { summary: "Rename or move a category", tags: TAGS },
        response: { 200: CategorySchema, ...problems(400, 401, 403, 404, 409) },
      },
    )
    .delete(
      "/v1/catalog/categories/:id",
      async (c) => {
        await deleteCategory(ctx, storeOf(c.principal, c.tenant), c.params.id);
        c.set.status = 204;
      },
      {
        access: access["DELETE /v1/catalog/categories/:id"],
        params: IdParams,
        detail: { summary: "Delete a category (its items become uncategorised)", tags: TAGS },
        response: { 204: t.Void(), ...problems(401, 403, 404) },
      },
    )
    .post(
      "/v1/catalog/categories/reorder",
      async (c) => ({ changed: await reorderCategories(ctx, storeOf(c.principal, c.tenant), c.body.ids) }),
      {
        access: access["POST /v1/catalog/categories/reorder"],
        body: ReorderBody,
        detail: { summary: "Set the display order of categories", tags: TAGS },
        response: { 200: Changed, ...problems(400, 401, 403) },
      },
    )
    .get(
      "/v1/catalog/packages",
      async (c) => ({ items: (await listPackageDocs(ctx, storeOf(c.principal, c.tenant))).map(toPackage) }),
      {
        access: access["GET /v1/catalog/packages"],
        detail: { summary: "List channel packages (bouquets) that plans include", tags: TAGS },
        response: { 200: PackageList, ...problems(401, 403) },
      },
    )
    .post(
      "/v1/catalog/packages",
      async (c) => {
        const pkg = await createPackage(ctx, storeOf(c.principal, c.tenant), c.body, by(c));
        c.set.status = 201;
        return pkg;
      },
      {
        access: access["POST /v1/catalog/packages"],
        body: CreatePackageBody,
        detail: { summary: "Create a package of items and categories", tags: TAGS },
        response: { 201: PackageSchema, ...problems(400, 401, 403) },
      },
    )
    .get("/v1/catalog/packages/:id", (c) => getPackage(ctx, storeOf(c.principal, c.tenant), c.params.id), {
      access: access["GET /v1/catalog/packages/:id"],
      params: IdParams,
      detail: { summary: "Read a package", tags: TAGS },
      response: { 200: PackageSchema, ...problems(401, 403, 404) },
    })
    .patch(
      "/v1/catalog/packages/:id",
      (c) => updatePackage(ctx, storeOf(c.principal, c.tenant), c.params.id, c.body, by(c)),
      {
        access: access["PATCH /v1/catalog/packages/:id"],
        params: IdParams,
        body: UpdatePackageBody,
        detail: { summary: "Change a package's name or contents", tags: TAGS },
        response: { 200: PackageSchema, ...problems(400, 401, 403, 404) },
      },
    )
    .delete(
      "/v1/catalog/packages/:id",
      async (c) => {
        await deletePackage(ctx, storeOf(c.principal, c.tenant), c.params.id, by(c));
        c.set.status = 204;
      },
      {
        access: access["DELETE /v1/catalog/packages/:id"],
        params: IdParams,
        detail: { summary: "Delete a package", tags: TAGS },
        response: { 204: t.Void(), ...problems(401, 403, 404) },
      },
    )
    .post(
      "/v1/catalog/imports",
      async (c) => {
        const storeId = storeOf(c.principal, c.tenant);
        await getProviderDoc(ctx, storeId, c.body.providerId);
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
        response: { 202: ImportSchema, ...problems(400, 401, 403, 404, 409) },
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
        query: ItemListQuery,
        detail: {
          summary: "What the viewer's plan includes, by type, category, package, series or name prefix",
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
