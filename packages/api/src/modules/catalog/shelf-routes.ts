/**
 * Routes for store admins on categories (per type, ordered) and packages (the bouquets plans include).
 */
import { Elysia, t } from "elysia";
import { accessPlugin } from "../../auth/access.ts";
import { actorsOf } from "../../auth/actor.ts";
import type { Authenticate } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { problems } from "../../http/problem.ts";
import { callerStore, tenancyPlugin } from "../tenancy/mod.ts";
import { CATALOG_ACCESS } from "./access.ts";
import {
  createCategory,
  deleteCategory,
  listCategories,
  reorderCategories,
  updateCategory,
} from "./categories.ts";
import {
  createPackage,
  deletePackage,
  getPackage,
  listPackageDocs,
  toPackage,
  updatePackage,
} from "./packages.ts";
import {
  CategoryList,
  CategoryQuery,
  CategoryReorderBody,
  CategorySchema,
  Changed,
  CreateCategoryBody,
  CreatePackageBody,
  IdParams,
  PackageList,
  PackageSchema,
  UpdateCategoryBody,
  UpdatePackageBody,
} from "./schemas.ts";

const TAGS = ["catalog"];

export function shelfRoutes(ctx: AppContext, authenticate: Authenticate) {
  const access = CATALOG_ACCESS;
  const trustProxy = ctx.config.TRUST_PROXY;
  const storeOf = callerStore;
  const by = actorsOf(trustProxy);
  return new Elysia({ name: "shelfRoutes" })
    .use(accessPlugin(authenticate))
    .use(tenancyPlugin(ctx))
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
        body: CategoryReorderBody,
        detail: { summary: "Set the display order of categories", tags: TAGS },
        response: { 200: Changed, ...problems(400, 401, 403, 422) },
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
        response: { 201: PackageSchema, ...problems(400, 401, 403, 422) },
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
        response: { 200: PackageSchema, ...problems(400, 401, 403, 404, 422) },
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
    );
}
