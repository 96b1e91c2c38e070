/**
 * Outputs for existing IPTV players, per store (the store comes from the Host or X-Store like
 * everywhere else): `get.php` (M3U+), `xmltv.php`, `player_api.php` (Xtream Codes actions) and
 * the stream URLs `/live|movie|series/{user}/{pass}/{id}.{ext}`, which redirect through
 * `routeFor`. Viewers read and regenerate their line credentials under `/v1/me/line`.
 */
import { Elysia, t } from "elysia";
import { type AccessRule, accessPlugin, actorOf } from "../../auth/access.ts";
import { requestActor, storeAdmins, VIEWERS } from "../../auth/actor.ts";
import { clientIp } from "../../auth/client-ip.ts";
import type { Authenticate } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { problems } from "../../http/problem.ts";
import { findItem, itemsOf, playbackDecision, sees } from "../catalog/mod.ts";
import { callerStore, type requireTenant, tenancyPlugin } from "../tenancy/mod.ts";
import { getUserInStore } from "../users/mod.ts";
import { type ActionQuery, runAction } from "./actions.ts";
import { ensureLine, regenerateLine, storeForLine, toLine } from "./lines.ts";
import { LineSchema, PlayerQuery } from "./model.ts";
import { GUIDE_RESPONSES, PLAYER_API_RESPONSES, PLAYLIST_RESPONSES } from "./output-docs.ts";
import { guide, playlist } from "./outputs.ts";
import { itemTypeOfKind, PLAYER_KINDS } from "./player-kinds.ts";
import { type RouteFor, routeUnavailable } from "./route-for.ts";
import { type LineSession, openLine } from "./session.ts";

export { LINES_COLLECTION } from "./model.ts";
export {
  type LineResealReport,
  resealLinePasswords,
  sealedLinePasswords,
} from "./reseal-lines.ts";
export { type PlayerRouteRequest, type RouteFor, routeUnavailable, streamingRouteFor } from "./route-for.ts";

/** The one place each route's callers are declared; the player outputs authenticate by line. */
export const PLAYER_ACCESS = {
  "GET /v1/me/line": VIEWERS,
  "POST /v1/me/line/regenerate": VIEWERS,
  "POST /v1/player-lines/:viewerId/regenerate": storeAdmins("users.manage"),
} as const satisfies Record<string, AccessRule>;

const TAGS = ["player-api"];

export interface PlayerApiOptions {
  routeFor?: RouteFor;
}

function serverUrlOf(request: Request): string {
  return new URL(request.url).origin;
}

function refuse(session: LineSession | null): AppError | null {
  if (!session) return new AppError("unauthorized", "Wrong line username or password");
  if (!session.entitlement) return new AppError(session.denial ?? "forbidden", "This line is not active");
  return null;
}

export function playerApiModule(ctx: AppContext, authenticate: Authenticate, options: PlayerApiOptions = {}) {
  const routeFor = options.routeFor ?? routeUnavailable;
  const trustProxy = ctx.config.TRUST_PROXY;
  const storeOf = callerStore;
  /** The store of a player request, by host or by its line; wrong credentials look the same either way. */
  const lineStore = async (tenant: Parameters<typeof requireTenant>[0], username: string | undefined) => {
    const storeId = await storeForLine(ctx, tenant, username);
    if (!storeId) throw new AppError("unauthorized", "Unknown line or wrong password");
    return storeId;
  };
  const streamParams = t.Object({
    username: t.String({ maxLength: 200 }),
    password: t.String({ maxLength: 200 }),
    file: t.String({ maxLength: 40, pattern: "^[0-9]{1,15}\\.[A-Za-z0-9]{1,5}$" }),
  });

  const app = new Elysia({ name: "player-api" })
    .use(accessPlugin(authenticate))
    .use(tenancyPlugin(ctx))
    .get(
      "/v1/me/line",
      async (c) => {
        const viewer = actorOf(c.principal);
        const storeId = storeOf(viewer, c.tenant);
        return toLine(ctx, await ensureLine(ctx, storeId, viewer.id), serverUrlOf(c.request));
      },
      {
        access: PLAYER_ACCESS["GET /v1/me/line"],
        detail: {
          summary: "The viewer's player line: credentials and ready URLs for IPTV players",
          tags: TAGS,
        },
        response: { 200: LineSchema, ...problems(401, 403) },
      },
    )
    .post(
      "/v1/me/line/regenerate",
      async (c) => {
        const viewer = actorOf(c.principal);
        const storeId = storeOf(viewer, c.tenant);
        const line = await regenerateLine(ctx, storeId, viewer.id, requestActor(c.principal, trustProxy, c));
        return toLine(ctx, line, serverUrlOf(c.request));
      },
      {
        access: PLAYER_ACCESS["POST /v1/me/line/regenerate"],
        detail: { summary: "New line credentials; the old ones stop working at once", tags: TAGS },
        response: { 200: LineSchema, ...problems(401, 403) },
      },
    )
    .post(
      "/v1/player-lines/:viewerId/regenerate",
      async (c) => {
        const storeId = storeOf(c.principal, c.tenant);
        const viewer = await getUserInStore(ctx, storeId, c.params.viewerId);
        if (viewer?.role !== "viewer") throw new AppError("not_found", "Viewer not found");
        await regenerateLine(ctx, storeId, viewer.id, requestActor(c.principal, trustProxy, c));
        c.set.status = 204;
      },
      {
        access: PLAYER_ACCESS["POST /v1/player-lines/:viewerId/regenerate"],
        params: t.Object({ viewerId: t.String({ maxLength: 64 }) }),
        detail: {
          summary: "Regenerate a viewer's line (credentials are shown only to the viewer)",
          tags: TAGS,
        },
        response: { 204: t.Void(), ...problems(401, 403, 404) },
      },
    )
    .get(
      "/get.php",
      async ({ query, request, tenant, set }) => {
        const storeId = await lineStore(tenant, query.username);
        const session = await openLine(ctx, storeId, query.username, query.password);
        const refused = refuse(session);
        if (refused || !session) throw refused;
        set.headers["content-type"] = "audio/x-mpegurl; charset=utf-8";
        set.headers["content-disposition"] = 'attachment; filename="playlist.m3u"';
        const output = query.output === "m3u8" || query.output === "hls" ? "m3u8" : "ts";
        return new Response(playlist(ctx, session, { serverUrl: serverUrlOf(request), output }), {
          headers: set.headers as Record<string, string>,
        });
      },
      {
        query: PlayerQuery,
        detail: {
          summary: "M3U+ playlist of the line's channels, movies and episodes (type=m3u_plus&output=ts|m3u8)",
          tags: TAGS,
          operationId: "getGetPhp",
          responses: PLAYLIST_RESPONSES,
        },
      },
    )
    .get(
      "/xmltv.php",
      async ({ query, tenant }) => {
        const storeId = await lineStore(tenant, query.username);
        const session = await openLine(ctx, storeId, query.username, query.password);
        const refused = refuse(session);
        if (refused || !session) throw refused;
        return new Response(guide(ctx, session), {
          headers: { "content-type": "application/xml; charset=utf-8" },
        });
      },
      {
        query: PlayerQuery,
        detail: {
          summary: "XMLTV guide of the line's live channels",
          tags: TAGS,
          operationId: "getXmltvPhp",
          responses: GUIDE_RESPONSES,
        },
      },
    )
    .get(
      "/player_api.php",
      async ({ query, request, tenant }) => {
        const storeId = await storeForLine(ctx, tenant, query.username);
        if (!storeId) return { user_info: { auth: 0 } };
        const session = await openLine(ctx, storeId, query.username, query.password);
        if (!session?.entitlement) return { user_info: { auth: 0 } };
        const answer = await runAction(
          ctx,
          session,
          query.action ?? "",
          query as ActionQuery,
          serverUrlOf(request),
        );
        return answer ?? [];
      },
      {
        query: PlayerQuery,
        detail: {
          summary: "Xtream Codes player API: account info and get_* actions, limited to the line's plan",
          tags: TAGS,
          operationId: "getPlayerApiPhp",
          responses: PLAYER_API_RESPONSES,
        },
      },
    );

  /**
   * A line's screen is one player: its address and its user agent. Players have no device id;
   * a player that zaps asks for its next channel as the same screen (its previous stream ends),
   * while two players, even behind one address, count as two of the line's connections.
   */
  const playerScreen = (lineId: string, ip: string, request: Request): string => {
    const agent = request.headers.get("user-agent") ?? "";
    const tag = new Bun.CryptoHasher("sha256").update(agent).digest("hex").slice(0, 12);
    return `line:${lineId}:${ip}:${tag}`;
  };

  for (const kind of PLAYER_KINDS) {
    app.get(
      `/${kind}/:username/:password/:file`,
      async (c) => {
        const storeId = await lineStore(c.tenant, c.params.username);
        const session = await openLine(ctx, storeId, c.params.username, c.params.password);
        const refused = refuse(session);
        if (refused || !session) throw refused;
        const [id = "", format = ""] = c.params.file.split(".");
        if (kind === "live" && format !== "ts" && format !== "m3u8")
          throw new AppError("not_found", "Live streams are .ts or .m3u8");
        const item = await findItem(ctx, storeId, id);
        if (!item || item.type !== itemTypeOfKind(kind)) throw new AppError("not_found", "Stream not found");
        const series = item.seriesId ? await itemsOf(ctx, storeId).get(item.seriesId) : null;
        if (session.entitlement && !sees(session.entitlement, item, series))
          throw new AppError("not_in_plan", "This stream is not included in your plan");
        const decision = await playbackDecision(ctx, storeId, session.viewerId, item);
        if (!decision.allowed) throw new AppError(decision.code, decision.message);
        const route = await routeFor(ctx, {
          storeId,
          viewerId: session.viewerId,
          streamType: kind,
          streamId: item._id,
          format,
          sessionId: playerScreen(session.line._id, clientIp(c.request, c.server, trustProxy), c.request),
        });
        return new Response(null, {
          status: 302,
          headers: { location: route.url, "cache-control": "no-store" },
        });
      },
      {
        params: streamParams,
        detail: {
          summary: `Play a ${kind === "series" ? "series episode" : kind} with line credentials: 302 to the chosen stream route`,
          tags: TAGS,
        },
        response: { ...problems(401, 403, 404, 503) },
      },
    );
  }
  return app;
}
