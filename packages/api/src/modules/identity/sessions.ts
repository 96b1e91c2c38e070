/**
 * Device sessions and rotating refresh tokens. A login opens a session (one refresh family);
 * each refresh spends the presented token and issues the next. Presenting a spent token means
 * it was copied: the whole family is revoked, so both the thief and the owner must log in again.
 */

import { recordAudit } from "../../audit/mod.ts";
import type { Role } from "../../auth/principal.ts";
import { randomSecret, sha256Hex } from "../../auth/secrets.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
// The low-level revocation file, not screens' mod.ts: screens sit above identity's callers.
import { revokeScreensOfLogin } from "../screens/revoke.ts";
import { findUserById } from "../users/mod.ts";
import {
  type Device,
  type PendingAccount,
  REFRESH_TOKENS_COLLECTION,
  type RefreshTokenDoc,
  SESSIONS_COLLECTION,
  type SessionDoc,
} from "./model.ts";

type Ctx = Pick<AppContext, "store" | "cache" | "config">;

export const REFRESH_PREFIX = "nwr_";
/**
 * How long a session's binding (live, whose, which store, the account's role) is believed from
 * the cache before storage is asked again: a role change or a disabled account applies within it.
 */
const BINDING_CACHE_MS = 30_000;
const bindingKey = (sid: string): string => `auth:session:${sid}`;

const sessions = (ctx: Pick<AppContext, "store">) => ctx.store.collection<SessionDoc>(SESSIONS_COLLECTION);
const refreshTokens = (ctx: Pick<AppContext, "store">) =>
  ctx.store.collection<RefreshTokenDoc>(REFRESH_TOKENS_COLLECTION);

export interface ClientMeta {
  ip: string | null;
  userAgent: string | null;
  requestId?: string | null;
}

async function issueRefresh(ctx: Ctx, session: SessionDoc): Promise<string> {
  const token = randomSecret(REFRESH_PREFIX);
  await refreshTokens(ctx).insert({
    sessionId: session._id,
    userId: session.userId,
    hash: sha256Hex(token),
    createdAt: new Date().toISOString(),
    expiresAt: session.expiresAt,
    usedAt: null,
  });
  return token;
}

export async function startSession(
  ctx: Ctx,
  user: { _id: string; storeId: string | null },
  device: Device,
  meta: ClientMeta,
  pendingAccount?: PendingAccount,
): Promise<{ session: SessionDoc; refreshToken: string }> {
  const now = new Date();
  const session = await sessions(ctx).insert({
    userId: user._id,
    storeId: user.storeId,
    device,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    createdAt: now.toISOString(),
    lastUsedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ctx.config.REFRESH_TOKEN_TTL_SEC * 1000).toISOString(),
    revokedAt: null,
    revokedReason: null,
    ...(pendingAccount ? { pendingAccount } : {}),
  });
  return { session, refreshToken: await issueRefresh(ctx, session) };
}

const invalidRefresh = () =>
  new AppError("token_invalid", "The refresh token is invalid, expired or revoked");
export const otherStore = () => new AppError("token_invalid", "This credential belongs to another store");

/**
 * Spends a refresh token and returns the session with the next token of its family. At a store
 * (`storeId`, the request's), a store member's token is refused before it is spent, as every
 * other route refuses a credential of another store; platform sessions may refresh anywhere.
 */
export async function rotateRefresh(
  ctx: Ctx,
  token: string,
  meta: ClientMeta,
  storeId: string | null = null,
): Promise<{ session: SessionDoc; refreshToken: string }> {
  if (!token.startsWith(REFRESH_PREFIX)) throw invalidRefresh();
  const hash = sha256Hex(token);
  const now = new Date().toISOString();
  if (storeId !== null) {
    const known = await refreshTokens(ctx).findOne({ hash });
    const owner = known ? await sessions(ctx).get(known.sessionId) : null;
    if (owner?.storeId && owner.storeId !== storeId) throw otherStore();
  }
  // Spending is atomic: of two concurrent uses exactly one wins, the other counts as reuse.
  const spent = await refreshTokens(ctx).findOneAndUpdate({ hash, usedAt: null }, { usedAt: now });
  if (!spent) {
    const known = await refreshTokens(ctx).findOne({ hash });
    if (known) {
      const session = await sessions(ctx).get(known.sessionId);
      await revokeSession(ctx, known.sessionId, "refresh_reuse");
      await recordAudit(ctx, {
        actor: null,
        action: "auth.refresh_reuse",
        storeId: session?.storeId ?? null,
        target: { type: "session", id: known.sessionId },
        after: { userId: known.userId },
        ip: meta.ip,
        requestId: meta.requestId ?? null,
      });
    }
    throw invalidRefresh();
  }
  const session = await sessions(ctx).get(spent.sessionId);
  if (!session || session.revokedAt !== null || session.expiresAt <= now || spent.expiresAt <= now)
    throw invalidRefresh();
  const updated = (await sessions(ctx).update(session._id, { lastUsedAt: now, ip: meta.ip })) ?? session;
  return { session: updated, refreshToken: await issueRefresh(ctx, updated) };
}

/** Ends a device session: its refresh tokens, and the streams it is playing on every edge. */
export async function revokeSession(ctx: Ctx, sessionId: string, reason: string): Promise<boolean> {
  const now = new Date().toISOString();
  const changed = await sessions(ctx).updateMany(
    { _id: sessionId, revokedAt: null },
    { revokedAt: now, revokedReason: reason },
  );
  await refreshTokens(ctx).updateMany({ sessionId, usedAt: null }, { usedAt: now });
  await ctx.cache.del(bindingKey(sessionId));
  const session = await sessions(ctx).get(sessionId);
  if (session?.storeId)
    await revokeScreensOfLogin(ctx, { storeId: session.storeId, viewerId: session.userId }, sessionId);
  return changed > 0;
}

/** Revokes every live session of a user except `keep` (the caller's own, when changing a password). */
export async function revokeUserSessions(
  ctx: Ctx,
  userId: string,
  reason: string,
  keep?: string,
): Promise<number> {
  const live = await liveSessions(ctx, userId);
  let count = 0;
  for (const session of live) {
    if (session._id === keep) continue;
    if (await revokeSession(ctx, session._id, reason)) count++;
  }
  return count;
}

export async function liveSessions(ctx: Pick<AppContext, "store">, userId: string): Promise<SessionDoc[]> {
  const now = new Date().toISOString();
  const page = await sessions(ctx).find(
    { userId, revokedAt: null, expiresAt: { gt: now } },
    { sort: [["createdAt", -1]], limit: 1000 },
  );
  return page.items;
}

export async function getLiveSession(
  ctx: Pick<AppContext, "store">,
  userId: string,
  sessionId: string,
): Promise<SessionDoc | null> {
  const session = await sessions(ctx).get(sessionId);
  if (!session || session.userId !== userId || session.revokedAt !== null) return null;
  return session.expiresAt > new Date().toISOString() ? session : null;
}

/**
 * What an access token of a live session stands for, from the session record and the account
 * as they are now, never from the token's own claims: whose session it is, its store, and the
 * account's role and permissions (a pending session: a viewer's, with none). Null when the
 * session ended or the account is gone or disabled. Cached briefly; revocation clears it.
 */
export interface SessionBinding {
  userId: string;
  storeId: string | null;
  role: Role;
  permissions: string[];
  pending: boolean;
}

function parseBinding(raw: string | null): SessionBinding | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<SessionBinding> | null;
    return typeof value?.userId === "string" && typeof value.role === "string"
      ? (value as SessionBinding)
      : null;
  } catch {
    return null;
  }
}

export async function sessionBinding(ctx: Ctx, sessionId: string): Promise<SessionBinding | null> {
  const cached = parseBinding(await ctx.cache.get(bindingKey(sessionId)));
  if (cached) return cached;
  const session = await sessions(ctx).get(sessionId);
  if (!session || session.revokedAt !== null || session.expiresAt <= new Date().toISOString()) return null;
  let binding: SessionBinding;
  if (session.pendingAccount) {
    binding = {
      userId: session.userId,
      storeId: session.storeId,
      role: "viewer",
      permissions: [],
      pending: true,
    };
  } else {
    const user = await findUserById(ctx, session.userId);
    if (user?.status !== "active" || user.storeId !== session.storeId) return null;
    binding = {
      userId: user._id,
      storeId: user.storeId,
      role: user.role,
      permissions: [...user.permissions],
      pending: false,
    };
  }
  await ctx.cache.set(bindingKey(sessionId), JSON.stringify(binding), BINDING_CACHE_MS);
  return binding;
}

/** A live session of the caller's (for what a pending session shows of its account). */
export async function getSession(
  ctx: Pick<AppContext, "store">,
  sessionId: string,
): Promise<SessionDoc | null> {
  return sessions(ctx).get(sessionId);
}
