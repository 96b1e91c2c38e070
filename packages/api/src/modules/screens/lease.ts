/**
 * Screen leases: each playback session holds one slot of the viewer's bounded slot set in the
 * cache, renewed while it plays. Slots live in the shared cache, so the limit holds across API
 * instances, and a session that stops renewing (crash, lost network) lapses on its own.
 *
 * Each route handed out for a screen gets a larger generation (`gen`, milliseconds of the API's
 * clock). Only the current generation renews the slot or releases it: an older stream of the
 * same device ending late (zapping HLS → TS, or a reload) never frees the screen its newer
 * stream holds, and an edge still carrying the older stream is told it was superseded.
 */
import type { AppContext } from "../../context.ts";
// Service files, not mod.ts: the subscriptions module calls back into this file when a
// subscription stops allowing playback, and the entries would import each other.
import { findPlan } from "../plans/mod.ts";
import { findCurrentSubscription } from "../subscriptions/mod.ts";
import type { ActiveScreen } from "./model.ts";
import {
  infoKey,
  parseInfo,
  revokedKey,
  type ScreenInfo,
  type ScreenKey,
  type ScreenSession,
  slotKey,
} from "./screen-keys.ts";

export type { ScreenKey, ScreenSession } from "./screen-keys.ts";

type Ctx = Pick<AppContext, "store" | "cache">;

export interface AcquireScreenInput extends ScreenSession {
  ttlMs: number;
  /** The concurrent-stream limit; defaults to the current plan's `screens` (0 without one). */
  limit?: number;
  /** Shown to the viewer in their list of active screens. */
  streamId?: string;
  device?: string;
  /** The login session (refresh family) of the device, so signing it out ends the screen. */
  login?: string;
}

export type AcquireScreenResult =
  | { ok: true; gen: number; previousGen: number | null }
  | { ok: false; code: "screen_limit_reached"; limit: number; active: number };

export type RenewResult = "ok" | "superseded" | "revoked";

/** Concurrent streams the viewer's current subscription allows; 0 when it does not allow watching. */
export async function screenLimit(ctx: Pick<AppContext, "store">, key: ScreenKey): Promise<number> {
  const sub = await findCurrentSubscription(ctx, key.storeId, key.viewerId);
  // The end date counts even before the expiry sweep has run.
  if (sub?.status !== "active" || Date.parse(sub.endsAt) <= Date.now()) return 0;
  return (await findPlan(ctx, key.storeId, sub.planId))?.screens ?? 0;
}

async function readInfo(ctx: Pick<AppContext, "cache">, session: ScreenSession): Promise<ScreenInfo | null> {
  return parseInfo(session.sessionId, await ctx.cache.get(infoKey(session)));
}

/**
 * Takes (or refreshes) a slot for the session and starts a new route generation on it; refused
 * when the viewer's other sessions fill the limit. The same session id (the same device) always
 * gets its own slot back at once.
 */
export async function acquireScreen(ctx: Ctx, input: AcquireScreenInput): Promise<AcquireScreenResult> {
  const limit = input.limit ?? (await screenLimit(ctx, input));
  const key = slotKey(input);
  if (!(await ctx.cache.slotAcquire(key, input.sessionId, limit, input.ttlMs))) {
    const active = (await ctx.cache.slotMembers(key)).length;
    return { ok: false, code: "screen_limit_reached", limit, active };
  }
  const known = await readInfo(ctx, input);
  const previousGen = known?.gen ?? null;
  const gen = Math.max(Date.now(), (previousGen ?? 0) + 1);
  const info: ScreenInfo = {
    sessionId: input.sessionId,
    streamId: input.streamId ?? known?.streamId ?? null,
    device: input.device ?? known?.device ?? null,
    since: known?.since ?? new Date().toISOString(),
    gen,
    login: input.login ?? known?.login ?? null,
  };
  await ctx.cache.set(infoKey(input), JSON.stringify(info), input.ttlMs);
  return { ok: true, gen, previousGen };
}

/**
 * Keeps the slot of a stream's screen for another `ttlMs` while `gen` is the screen's current
 * route. "superseded": the screen moved to a newer route (end this stream, keep the screen);
 * "revoked": the screen was signed out, kicked or lost its plan, or its slot lapsed and the plan
 * has no room left for it (end the stream). A slot that lapsed (an edge that missed renewals)
 * is taken again when the limit allows, rather than cutting a viewer off.
 */
export async function renewScreen(
  ctx: Ctx,
  input: ScreenSession & { ttlMs: number; gen: number },
): Promise<RenewResult> {
  const info = await readInfo(ctx, input);
  if (info !== null && info.gen > input.gen) return "superseded";
  if (await ctx.cache.slotRenew(slotKey(input), input.sessionId, input.ttlMs)) {
    if (info !== null) await ctx.cache.set(infoKey(input), JSON.stringify(info), input.ttlMs);
    return "ok";
  }
  const revokedUpTo = Number((await ctx.cache.get(revokedKey(input))) ?? -1);
  if (input.gen <= revokedUpTo) return "revoked";
  const limit = await screenLimit(ctx, input);
  if (!(await ctx.cache.slotAcquire(slotKey(input), input.sessionId, limit, input.ttlMs))) return "revoked";
  const restored: ScreenInfo = info ?? {
    sessionId: input.sessionId,
    streamId: null,
    device: null,
    since: new Date().toISOString(),
    gen: input.gen,
    login: null,
  };
  await ctx.cache.set(infoKey(input), JSON.stringify(restored), input.ttlMs);
  return "ok";
}

/**
 * Frees the session's slot at once (playback ended). With `gen`, only when that generation is
 * still the screen's current route: a stream that ended after the device moved on frees nothing.
 */
export async function releaseScreen(
  ctx: Pick<AppContext, "cache">,
  session: ScreenSession,
  options: { gen?: number } = {},
): Promise<boolean> {
  if (options.gen !== undefined) {
    const info = await readInfo(ctx, session);
    if (info !== null && info.gen > options.gen) return false;
  }
  await ctx.cache.slotRelease(slotKey(session), session.sessionId);
  await ctx.cache.del(infoKey(session));
  return true;
}

/** The sessions holding a slot now, oldest first. */
export async function activeScreens(ctx: Ctx, key: ScreenKey): Promise<ActiveScreen[]> {
  const members = await ctx.cache.slotMembers(slotKey(key));
  const screens = await Promise.all(
    members.map(async (sessionId): Promise<ActiveScreen> => {
      const info = await readInfo(ctx, { ...key, sessionId });
      return info
        ? { sessionId, streamId: info.streamId, device: info.device, since: info.since }
        : { sessionId, streamId: null, device: null, since: null };
    }),
  );
  return screens.sort((a, b) => (a.since ?? "").localeCompare(b.since ?? ""));
}
