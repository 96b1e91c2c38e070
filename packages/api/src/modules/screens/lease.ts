/**
 * Screen leases: each playback session holds one slot of the viewer's bounded slot set in the
 * cache, renewed while it plays. Slots live in the shared cache, so the limit holds across API
 * instances, and a session that stops renewing (crash, lost network) lapses on its own.
 */
import type { AppContext } from "../../context.ts";
// Service files, not mod.ts: the subscriptions module calls back into this file when a
// subscription stops allowing playback, and the entries would import each other.
import { findPlan } from "../plans/service.ts";
import { findCurrentSubscription } from "../subscriptions/service.ts";
import type { ActiveScreen } from "./model.ts";

type Ctx = Pick<AppContext, "store" | "cache">;

export interface ScreenKey {
  storeId: string;
  viewerId: string;
}

export interface ScreenSession extends ScreenKey {
  sessionId: string;
}

export interface AcquireScreenInput extends ScreenSession {
  ttlMs: number;
  /** The concurrent-stream limit; defaults to the current plan's `screens` (0 without one). */
  limit?: number;
  /** Shown to the viewer in their list of active screens. */
  streamId?: string;
  device?: string;
}

export type AcquireScreenResult =
  | { ok: true }
  | { ok: false; code: "screen_limit_reached"; limit: number; active: number };

const slotKey = ({ storeId, viewerId }: ScreenKey): string => `screens:${storeId}:${viewerId}`;
const infoKey = (s: ScreenSession): string => `screen:${s.storeId}:${s.viewerId}:${s.sessionId}`;

/** Concurrent streams the viewer's current subscription allows; 0 when it does not allow watching. */
export async function screenLimit(ctx: Pick<AppContext, "store">, key: ScreenKey): Promise<number> {
  const sub = await findCurrentSubscription(ctx, key.storeId, key.viewerId);
  // The end date counts even before the expiry sweep has run.
  if (sub?.status !== "active" || Date.parse(sub.endsAt) <= Date.now()) return 0;
  return (await findPlan(ctx, key.storeId, sub.planId))?.screens ?? 0;
}

/** Takes (or refreshes) a slot for the session; refused when the viewer's other sessions fill the limit. */
export async function acquireScreen(ctx: Ctx, input: AcquireScreenInput): Promise<AcquireScreenResult> {
  const limit = input.limit ?? (await screenLimit(ctx, input));
  const key = slotKey(input);
  if (await ctx.cache.slotAcquire(key, input.sessionId, limit, input.ttlMs)) {
    const known = await ctx.cache.get(infoKey(input));
    const info = known ?? JSON.stringify(infoOf(input));
    await ctx.cache.set(infoKey(input), info, input.ttlMs);
    return { ok: true };
  }
  const active = (await ctx.cache.slotMembers(key)).length;
  return { ok: false, code: "screen_limit_reached", limit, active };
}

/** Keeps the session's slot for another `ttlMs`; false when it already lapsed or was released. */
export async function renewScreen(ctx: Ctx, input: ScreenSession & { ttlMs: number }): Promise<boolean> {
  if (!(await ctx.cache.slotRenew(slotKey(input), input.sessionId, input.ttlMs))) return false;
  const info = (await ctx.cache.get(infoKey(input))) ?? JSON.stringify(infoOf(input));
  await ctx.cache.set(infoKey(input), info, input.ttlMs);
  return true;
}

/** Frees the session's slot at once (playback ended, or the viewer signed the device out). */
export async function releaseScreen(ctx: Pick<AppContext, "cache">, session: ScreenSession): Promise<void> {
  await ctx.cache.slotRelease(slotKey(session), session.sessionId);
  await ctx.cache.del(infoKey(session));
}

/**
 * Frees every screen of the viewer at once, when their subscription is suspended, revoked or
 * expired: players then fail their next renewal instead of playing on.
 */
export async function releaseAllScreens(ctx: Pick<AppContext, "cache">, key: ScreenKey): Promise<number> {
  const members = await ctx.cache.slotMembers(slotKey(key));
  await Promise.all(members.map((sessionId) => releaseScreen(ctx, { ...key, sessionId })));
  return members.length;
}

/** The sessions holding a slot now, oldest first. */
export async function activeScreens(ctx: Ctx, key: ScreenKey): Promise<ActiveScreen[]> {
  const members = await ctx.cache.slotMembers(slotKey(key));
  const screens = await Promise.all(
    members.map(async (sessionId): Promise<ActiveScreen> => {
      const raw = await ctx.cache.get(infoKey({ ...key, sessionId }));
      return raw ? parseInfo(sessionId, raw) : { sessionId, streamId: null, device: null, since: null };
    }),
  );
  return screens.sort((a, b) => (a.since ?? "").localeCompare(b.since ?? ""));
}

function infoOf(input: ScreenSession & { streamId?: string; device?: string }): ActiveScreen {
  return {
    sessionId: input.sessionId,
    streamId: input.streamId ?? null,
    device: input.device ?? null,
    since: new Date().toISOString(),
  };
}

function parseInfo(sessionId: string, raw: string): ActiveScreen {
  const info = JSON.parse(raw) as Partial<ActiveScreen>;
  return {
    sessionId,
    streamId: typeof info.streamId === "string" ? info.streamId : null,
    device: typeof info.device === "string" ? info.device : null,
    since: typeof info.since === "string" ? info.since : null,
  };
}
