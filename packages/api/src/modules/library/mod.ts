/**
 * The viewer's library, per profile: favorites, recently watched, continue watching (position
 * in movies and episodes), and one search across channels, movies, series and programmes. Only
 * what the viewer's plan includes is ever listed.
 */
import { Elysia, t } from "elysia";
import { type AccessRule, accessPlugin, actorOf } from "../../auth/access.ts";
import { VIEWERS } from "../../auth/actor.ts";
import type { Authenticate, Principal } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { problems } from "../../http/problem.ts";
import { viewerEntitlement } from "../catalog/mod.ts";
import { targetStore, tenancyPlugin } from "../tenancy/mod.ts";
import {
  LibraryList,
  ProfileItemParams,
  ProfileParams,
  ProgressBody,
  SearchAnswer,
  SearchQuery,
} from "./model.ts";
import { searchAll } from "./search.ts";
import { addFavorite, listEntries, recordProgress, removeFavorite, unfinished } from "./service.ts";

export { LIBRARY_COLLECTION } from "./model.ts";

/** The one place each route's callers are declared. */
export const LIBRARY_ACCESS = {
  "GET /v1/me/profiles/:id/favorites": VIEWERS,
  "PUT /v1/me/profiles/:id/favorites/:itemId": VIEWERS,
  "DELETE /v1/me/profiles/:id/favorites/:itemId": VIEWERS,
  "GET /v1/me/profiles/:id/recent": VIEWERS,
  "GET /v1/me/profiles/:id/continue": VIEWERS,
  "PUT /v1/me/profiles/:id/progress/:itemId": VIEWERS,
  "GET /v1/me/search": VIEWERS,
} as const satisfies Record<string, AccessRule>;

const TAGS = ["library"];

export function libraryModule(ctx: AppContext, authenticate: Authenticate) {
  const access = LIBRARY_ACCESS;
  const entitlementOf = async (principal: Principal | null, tenant: Parameters<typeof targetStore>[1]) => {
    const viewer = actorOf(principal);
    const result = await viewerEntitlement(ctx, targetStore(viewer, tenant), viewer.id);
    if (!result.ok) throw new AppError(result.code, result.message);
    return result.entitlement;
  };
  return new Elysia({ name: "library" })
    .use(accessPlugin(authenticate))
    .use(tenancyPlugin(ctx))
    .get(
      "/v1/me/profiles/:id/favorites",
      async (c) => ({
        items: await listEntries(ctx, await entitlementOf(c.principal, c.tenant), c.params.id, "favorite"),
      }),
      {
        access: access["GET /v1/me/profiles/:id/favorites"],
        params: ProfileParams,
        detail: { summary: "The profile's favorites, newest first", tags: TAGS },
        response: { 200: LibraryList, ...problems(401, 403, 404) },
      },
    )
    .put(
      "/v1/me/profiles/:id/favorites/:itemId",
      async (c) => {
        await addFavorite(ctx, await entitlementOf(c.principal, c.tenant), c.params.id, c.params.itemId);
        c.set.status = 204;
      },
      {
        access: access["PUT /v1/me/profiles/:id/favorites/:itemId"],
        params: ProfileItemParams,
        detail: { summary: "Add a channel, movie or series to the profile's favorites", tags: TAGS },
        response: { 204: t.Void(), ...problems(401, 403, 404) },
      },
    )
    .delete(
      "/v1/me/profiles/:id/favorites/:itemId",
      async (c) => {
        await removeFavorite(ctx, await entitlementOf(c.principal, c.tenant), c.params.id, c.params.itemId);
        c.set.status = 204;
      },
      {
        access: access["DELETE /v1/me/profiles/:id/favorites/:itemId"],
        params: ProfileItemParams,
        detail: { summary: "Remove a favorite", tags: TAGS },
        response: { 204: t.Void(), ...problems(401, 403, 404) },
      },
    )
    .get(
      "/v1/me/profiles/:id/recent",
      async (c) => ({
        items: await listEntries(ctx, await entitlementOf(c.principal, c.tenant), c.params.id, "progress"),
      }),
      {
        access: access["GET /v1/me/profiles/:id/recent"],
        params: ProfileParams,
        detail: { summary: "Recently watched on this profile, newest first", tags: TAGS },
        response: { 200: LibraryList, ...problems(401, 403, 404) },
      },
    )
    .get(
      "/v1/me/profiles/:id/continue",
      async (c) => {
        const ent = await entitlementOf(c.principal, c.tenant);
        const all = await listEntries(ctx, ent, c.params.id, "progress", unfinished);
        return { items: all.filter((e) => e.item.type === "movie" || e.item.type === "episode") };
      },
      {
        access: access["GET /v1/me/profiles/:id/continue"],
        params: ProfileParams,
        detail: { summary: "Movies and episodes started and not finished, with their position", tags: TAGS },
        response: { 200: LibraryList, ...problems(401, 403, 404) },
      },
    )
    .put(
      "/v1/me/profiles/:id/progress/:itemId",
      async (c) => {
        const ent = await entitlementOf(c.principal, c.tenant);
        await recordProgress(ctx, ent, c.params.id, c.params.itemId, c.body.position, c.body.duration);
        c.set.status = 204;
      },
      {
        access: access["PUT /v1/me/profiles/:id/progress/:itemId"],
        params: ProfileItemParams,
        body: ProgressBody,
        detail: {
          summary: "Record watching (recently watched) and the position reached (continue watching)",
          tags: TAGS,
        },
        response: { 204: t.Void(), ...problems(400, 401, 403, 404) },
      },
    )
    .get(
      "/v1/me/search",
      async (c) => searchAll(ctx, await entitlementOf(c.principal, c.tenant), c.query.q, c.query.limit ?? 20),
      {
        access: access["GET /v1/me/search"],
        query: SearchQuery,
        detail: {
          summary: "Search channels, movies, series and programmes the viewer's plan includes",
          tags: TAGS,
        },
        response: { 200: SearchAnswer, ...problems(400, 401, 403) },
      },
    );
}
