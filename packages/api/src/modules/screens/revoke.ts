/**
 * Revoking screens: frees their slots and tells every edge to end their streams now, through
 * the cache's pub/sub (the embedded edge listens; nodes hear it through the revocations long
 * poll) and through the heartbeat for anything the push missed. A revocation ends the routes
 * handed out so far (`upTo`, a route generation); routes handed out later still play, so a
 * device that signs in again is never locked out by its own old screen.
 */
import type { Revocation } from "@nevewatch/edge";
import type { AppContext } from "../../context.ts";
import {
  infoKey,
  parseInfo,
  REVOCATIONS_TOPIC,
  REVOKED_MEMORY_MS,
  revokedKey,
  type ScreenKey,
  slotKey,
} from "./screen-keys.ts";

type Ctx = Pick<AppContext, "cache">;

export type { Revocation };

/** Sends revocations to every edge; best effort (the heartbeat catches what this misses). */
export async function publishRevocations(ctx: Ctx, revocations: Revocation[]): Promise<void> {
  if (revocations.length > 0) await ctx.cache.publish(REVOCATIONS_TOPIC, JSON.stringify(revocations));
}

/**
 * The revocations in a message of the topic; malformed messages or entries are dropped (the
 * topic is shared by every API instance, and the heartbeat catches anything lost).
 */
export function parseRevocations(message: string): Revocation[] {
  let list: unknown;
  try {
    list = JSON.parse(message);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  return (list as Array<Partial<Revocation> | null>).flatMap((item) =>
    typeof item?.sid === "string" && typeof item.upTo === "number"
      ? [{ sid: item.sid, upTo: item.upTo }]
      : [],
  );
}

/**
 * Revokes the given screens of a viewer; returns how many held a slot. With `upTo`, only the
 * routes up to that generation (a page releasing the route it played): a screen that already
 * moved to a newer route keeps it.
 */
export async function revokeScreens(
  ctx: Ctx,
  key: ScreenKey,
  sessionIds: readonly string[],
  options: { upTo?: number } = {},
): Promise<number> {
  const held = new Set(await ctx.cache.slotMembers(slotKey(key)));
  const revocations: Revocation[] = [];
  await Promise.all(
    sessionIds.map(async (sessionId) => {
      const session = { ...key, sessionId };
      const info = parseInfo(sessionId, await ctx.cache.get(infoKey(session)));
      if (options.upTo !== undefined && info !== null && info.gen > options.upTo) {
        held.delete(sessionId);
        return;
      }
      // Generations are milliseconds of the API's clock: "up to now" ends every route so far.
      const upTo = options.upTo ?? Math.max(Date.now(), info?.gen ?? 0);
      const earlier = Number((await ctx.cache.get(revokedKey(session))) ?? -1);
      await ctx.cache.set(revokedKey(session), String(Math.max(earlier, upTo)), REVOKED_MEMORY_MS);
      await ctx.cache.slotRelease(slotKey(key), sessionId);
      await ctx.cache.del(infoKey(session));
      revocations.push({ sid: sessionId, upTo });
    }),
  );
  await publishRevocations(ctx, revocations);
  return sessionIds.filter((sid) => held.has(sid)).length;
}

/** Revokes every screen of the viewer (plan ended or suspended, account disabled, logout-all). */
export async function revokeAllScreens(
  ctx: Ctx,
  key: ScreenKey,
  options: { exceptLogin?: string } = {},
): Promise<number> {
  const members = await ctx.cache.slotMembers(slotKey(key));
  const targets =
    options.exceptLogin === undefined
      ? members
      : await filterByLogin(ctx, key, members, (login) => login !== options.exceptLogin);
  return revokeScreens(ctx, key, targets);
}

/** Revokes the screens a login session opened (that device signed out, or its session was revoked). */
export async function revokeScreensOfLogin(ctx: Ctx, key: ScreenKey, login: string): Promise<number> {
  const members = await ctx.cache.slotMembers(slotKey(key));
  return revokeScreens(ctx, key, await filterByLogin(ctx, key, members, (l) => l === login));
}

async function filterByLogin(
  ctx: Ctx,
  key: ScreenKey,
  members: string[],
  keep: (login: string | null) => boolean,
): Promise<string[]> {
  const infos = await Promise.all(
    members.map(async (sessionId) =>
      parseInfo(sessionId, await ctx.cache.get(infoKey({ ...key, sessionId }))),
    ),
  );
  return members.filter((_, i) => keep(infos[i]?.login ?? null));
}
