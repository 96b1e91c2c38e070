/**
 * Concurrent screens: the lease service the streaming route calls (acquire on play, renew
 * while playing, release on stop) and the viewer's own list of active sessions, from which
 * they can sign a device out.
 */
import { Elysia, t } from "elysia";
import { type AccessRule, accessPlugin, actorOf } from "../../auth/access.ts";
import { VIEWERS } from "../../auth/actor.ts";
import type { Authenticate, Principal } from "../../auth/principal.ts";
import { rateLimitPlugin } from "../../auth/route-limits.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { problems } from "../../http/problem.ts";
import { targetStore, tenancyPlugin } from "../tenancy/mod.ts";
import { activeScreens, screenLimit } from "./lease.ts";
import { MyScreensSchema, ScreenParams } from "./model.ts";
import { revokeScreens } from "./revoke.ts";

export {
  type AcquireScreenInput,
  type AcquireScreenResult,
  acquireScreen,
  activeScreens,
  type RenewResult,
  releaseScreen,
  renewScreen,
  type ScreenKey,
  type ScreenSession,
  screenLimit,
} from "./lease.ts";
export type { ActiveScreen } from "./model.ts";
export {
  parseRevocations,
  publishRevocations,
  type Revocation,
  revokeAllScreens,
  revokeScreens,
  revokeScreensOfLogin,
} from "./revoke.ts";
export { REVOCATIONS_TOPIC } from "./screen-keys.ts";

/** The one place each route's callers are declared. */
export const SCREEN_ACCESS = {
  "GET /v1/me/screens": VIEWERS,
  "DELETE /v1/me/screens/:sessionId": VIEWERS,
} as const satisfies Record<string, AccessRule>;

const TAGS = ["screens"];

export function screensModule(ctx: AppContext, authenticate: Authenticate) {
  const keyOf = (principal: Principal | null, tenant: Parameters<typeof targetStore>[1]) => {
    const viewer = actorOf(principal);
    return { storeId: targetStore(viewer, tenant), viewerId: viewer.id };
  };
  return new Elysia({ name: "screens" })
    .use(accessPlugin(authenticate))
    .use(tenancyPlugin(ctx))
    .use(rateLimitPlugin(ctx, "api"))
    .get(
      "/v1/me/screens",
      async ({ principal, tenant }) => {
        const key = keyOf(principal, tenant);
        const [limit, items] = await Promise.all([screenLimit(ctx, key), activeScreens(ctx, key)]);
        return { limit, items };
      },
      {
        access: SCREEN_ACCESS["GET /v1/me/screens"],
        detail: { summary: "The caller's playback sessions holding a screen now", tags: TAGS },
        response: { 200: MyScreensSchema, ...problems(401, 403) },
      },
    )
    .delete(
      "/v1/me/screens/:sessionId",
      async ({ principal, tenant, params, query, set }) => {
        const key = keyOf(principal, tenant);
        const active = await activeScreens(ctx, key);
        if (!active.some((s) => s.sessionId === params.sessionId)) {
          throw new AppError("not_found", "No active screen has this session id");
        }
        await revokeScreens(ctx, key, [params.sessionId], query.gen === undefined ? {} : { upTo: query.gen });
        set.status = 204;
      },
      {
        access: SCREEN_ACCESS["DELETE /v1/me/screens/:sessionId"],
        params: ScreenParams,
        query: t.Object({
          gen: t.Optional(
            t.Integer({
              minimum: 0,
              description:
                "Release only up to this route generation (a page leaving): a newer route of the screen keeps it",
            }),
          ),
        }),
        detail: {
          summary:
            "Free a screen held by one of the caller's sessions; its stream stops on every node within seconds",
          tags: TAGS,
        },
        response: { 204: t.Void(), ...problems(401, 403, 404) },
      },
    );
}
