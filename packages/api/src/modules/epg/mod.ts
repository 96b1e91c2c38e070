/**
 * The programme guide: XMLTV sources imported as durable jobs (plain or gzip, with a retention
 * window), catalog channels matched by epg id then by normalised name (an admin's `epgId`
 * edit is the manual override), and now/next and time-range grids for viewers.
 */
import { Elysia, t } from "elysia";
import { type AccessRule, accessPlugin, actorOf } from "../../auth/access.ts";
import { requestActor, storeAdmins, VIEWERS } from "../../auth/actor.ts";
import type { Authenticate, Principal } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { problems } from "../../http/problem.ts";
import {
  type Entitlement,
  ImportSchema,
  type ItemDoc,
  itemsOf,
  listEntitled,
  sees,
  toImport,
  viewerEntitlement,
} from "../catalog/mod.ts";
import { callerStore, type targetStore, tenancyPlugin } from "../tenancy/mod.ts";
import { grid, loadGuideIndex, matchChannel, toProgramme, upcoming } from "./guide.ts";
import { CreateGuideSourceBody, GridQuery, GuideAnswer, GuideSourceSchema, NowNextQuery } from "./model.ts";
import { createGuideSource, deleteGuideSource, listGuideSources, startGuideImport } from "./sources.ts";

export {
  type ChannelMatch,
  type GuideIndex,
  grid,
  loadGuideIndex,
  matchChannel,
  searchProgrammes,
  toProgramme,
  upcoming,
} from "./guide.ts";
export { registerGuideJobs } from "./jobs.ts";
export { EPG_COLLECTIONS, type Programme, type ProgrammeDoc, ProgrammeSchema } from "./model.ts";
export { GUIDE_IMPORT_JOB, startGuideImport } from "./sources.ts";

const SOURCES = storeAdmins("sources.manage");

/** The one place each route's callers are declared. */
export const EPG_ACCESS = {
  "GET /v1/epg/sources": SOURCES,
  "POST /v1/epg/sources": SOURCES,
  "DELETE /v1/epg/sources/:id": SOURCES,
  "POST /v1/epg/sources/:id/import": SOURCES,
  "GET /v1/epg/matches": storeAdmins("catalog.read"),
  "GET /v1/me/epg/now": VIEWERS,
  "GET /v1/me/epg/grid": VIEWERS,
} as const satisfies Record<string, AccessRule>;

const TAGS = ["epg"];
const MAX_GRID_MS = 8 * 86_400_000;

/** The live channels a viewer asked for (or all they may see), in display order. */
export async function viewerChannels(
  ctx: Pick<AppContext, "store" | "cache" | "config">,
  ent: Entitlement,
  ids: string[] | null,
): Promise<ItemDoc[]> {
  if (ids !== null) {
    const docs = await Promise.all(ids.map((id) => itemsOf(ctx, ent.storeId).get(id)));
    return docs.filter((d): d is ItemDoc => d !== null && d.type === "live" && sees(ent, d));
  }
  const out: ItemDoc[] = [];
  let cursor: string | undefined;
  do {
    const page = await listEntitled(ctx, ent, { type: "live", limit: 500, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && out.length < 5000);
  return out;
}

function idList(raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .slice(0, 2000);
}

export function epgModule(ctx: AppContext, authenticate: Authenticate) {
  const access = EPG_ACCESS;
  const trustProxy = ctx.config.TRUST_PROXY;
  const storeOf = callerStore;
  const entitlementOf = async (principal: Principal | null, tenant: Parameters<typeof targetStore>[1]) => {
    const viewer = actorOf(principal);
    const result = await viewerEntitlement(ctx, storeOf(viewer, tenant), viewer.id);
    if (!result.ok) throw new AppError(result.code, result.message);
    return result.entitlement;
  };
  return new Elysia({ name: "epg" })
    .use(accessPlugin(authenticate))
    .use(tenancyPlugin(ctx))
    .get(
      "/v1/epg/sources",
      async (c) => ({ items: await listGuideSources(ctx, storeOf(c.principal, c.tenant)) }),
      {
        access: access["GET /v1/epg/sources"],
        detail: { summary: "List guide sources (URLs masked)", tags: TAGS },
        response: { 200: t.Object({ items: t.Array(GuideSourceSchema) }), ...problems(401, 403) },
      },
    )
    .post(
      "/v1/epg/sources",
      async (c) => {
        const by = requestActor(c.principal, trustProxy, c);
        const source = await createGuideSource(ctx, storeOf(c.principal, c.tenant), c.body, by);
        c.set.status = 201;
        return source;
      },
      {
        access: access["POST /v1/epg/sources"],
        body: CreateGuideSourceBody,
        detail: { summary: "Add an XMLTV guide source (plain or gzip)", tags: TAGS },
        response: { 201: GuideSourceSchema, ...problems(400, 401, 403) },
      },
    )
    .delete(
      "/v1/epg/sources/:id",
      async (c) => {
        await deleteGuideSource(
          ctx,
          storeOf(c.principal, c.tenant),
          c.params.id,
          requestActor(c.principal, trustProxy, c),
        );
        c.set.status = 204;
      },
      {
        access: access["DELETE /v1/epg/sources/:id"],
        params: t.Object({ id: t.String({ maxLength: 64 }) }),
        detail: { summary: "Remove a guide source and its programmes", tags: TAGS },
        response: { 204: t.Void(), ...problems(401, 403, 404) },
      },
    )
    .post(
      "/v1/epg/sources/:id/import",
      async (c) => {
        const record = await startGuideImport(ctx, storeOf(c.principal, c.tenant), c.params.id);
        c.set.status = 202;
        return toImport(record);
      },
      {
        access: access["POST /v1/epg/sources/:id/import"],
        params: t.Object({ id: t.String({ maxLength: 64 }) }),
        detail: {
          summary: "Import the guide as a durable job; follow it on stores/<storeId>/imports/<id>",
          tags: TAGS,
        },
        response: { 202: ImportSchema, ...problems(401, 403, 404) },
      },
    )
    .get(
      "/v1/epg/matches",
      async (c) => {
        const storeId = storeOf(c.principal, c.tenant);
        const index = await loadGuideIndex(ctx, storeId);
        const page = await itemsOf(ctx, storeId).find(
          { type: "live" },
          { sort: [["sortOrder", 1]], limit: 500, ...(c.query.cursor ? { cursor: c.query.cursor } : {}) },
        );
        return { items: page.items.map((ch) => matchChannel(index, ch)), nextCursor: page.nextCursor };
      },
      {
        access: access["GET /v1/epg/matches"],
        query: t.Object({ cursor: t.Optional(t.String({ maxLength: 500 })) }),
        detail: {
          summary:
            "Which guide channel each live channel shows and how it was matched (set epgId on the item to override)",
          tags: TAGS,
        },
        response: {
          200: t.Object({
            items: t.Array(
              t.Object({
                channelId: t.String(),
                guideKey: t.Union([t.String(), t.Null()]),
                matchedBy: t.Union([t.Literal("epg-id"), t.Literal("name"), t.Null()]),
              }),
            ),
            nextCursor: t.Union([t.String(), t.Null()]),
          }),
          ...problems(401, 403),
        },
      },
    )
    .get(
      "/v1/me/epg/now",
      async (c) => {
        const ent = await entitlementOf(c.principal, c.tenant);
        const at = c.query.at ? new Date(c.query.at) : new Date();
        const channels = await viewerChannels(ctx, ent, idList(c.query.channelIds));
        const index = await loadGuideIndex(ctx, ent.storeId);
        const items = await Promise.all(
          channels.map(async (ch) => {
            const match = matchChannel(index, ch);
            const list = match.guideKey ? await upcoming(ctx, ent.storeId, match.guideKey, at, 2) : [];
            return { ...match, programmes: list.map(toProgramme) };
          }),
        );
        return { items };
      },
      {
        access: access["GET /v1/me/epg/now"],
        query: NowNextQuery,
        detail: { summary: "Now and next on the viewer's channels", tags: TAGS },
        response: { 200: GuideAnswer, ...problems(400, 401, 403) },
      },
    )
    .get(
      "/v1/me/epg/grid",
      async (c) => {
        const from = new Date(c.query.from);
        const to = new Date(c.query.to);
        if (!(to > from) || to.getTime() - from.getTime() > MAX_GRID_MS)
          throw new AppError("bad_request", "A grid spans more than 0 and at most 8 days (to after from)");
        const ent = await entitlementOf(c.principal, c.tenant);
        const channels = await viewerChannels(ctx, ent, idList(c.query.channelIds));
        const index = await loadGuideIndex(ctx, ent.storeId);
        const matches = channels.map((ch) => matchChannel(index, ch));
        const keys = [...new Set(matches.flatMap((m) => (m.guideKey ? [m.guideKey] : [])))];
        const byKey = await grid(ctx, ent.storeId, keys, from, to);
        return {
          items: matches.map((m) => ({
            ...m,
            programmes: (m.guideKey ? (byKey.get(m.guideKey) ?? []) : []).map(toProgramme),
          })),
        };
      },
      {
        access: access["GET /v1/me/epg/grid"],
        query: GridQuery,
        detail: { summary: "Programmes overlapping a time range on the viewer's channels", tags: TAGS },
        response: { 200: GuideAnswer, ...problems(400, 401, 403) },
      },
    );
}
