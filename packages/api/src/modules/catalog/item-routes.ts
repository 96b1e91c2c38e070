/**
 * Routes for store admins on catalog items: list, read, edit, bulk edit, reorder, merge and source order.
 */
import { Elysia } from "elysia";
import { accessPlugin } from "../../auth/access.ts";
import { actorsOf } from "../../auth/actor.ts";
import type { Authenticate } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { problems } from "../../http/problem.ts";
import { callerStore, tenancyPlugin } from "../tenancy/mod.ts";
import { CATALOG_ACCESS } from "./access.ts";
import { bulkEditItems, getItemDoc, listItems, reorderItems, toItem, updateItem } from "./items.ts";
import {
  BulkEditBody,
  Changed,
  IdParams,
  ItemListQuery,
  ItemPage,
  ItemReorderBody,
  ItemSchema,
  MergeBody,
  SourceOrderBody,
  UpdateItemBody,
} from "./schemas.ts";
import { mergeItems, orderSources } from "./sources.ts";

const TAGS = ["catalog"];

export function itemRoutes(ctx: AppContext, authenticate: Authenticate) {
  const access = CATALOG_ACCESS;
  const trustProxy = ctx.config.TRUST_PROXY;
  const storeOf = callerStore;
  const by = actorsOf(trustProxy);
  return new Elysia({ name: "itemRoutes" })
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
        body: ItemReorderBody,
        detail: { summary: "Set the display order of items (first listed = top)", tags: TAGS },
        response: { 200: Changed, ...problems(400, 401, 403, 422) },
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
    );
}
