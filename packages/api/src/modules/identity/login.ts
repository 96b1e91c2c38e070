/**
 * Password login with brute-force protection. Per account and per client address, failures
 * earn a lock-out that doubles with each further failure (through the cache, so it holds across
 * instances). Unknown accounts cost the same hash work, get the same answer and the same
 * lock-outs as known ones, so neither responses nor timing tell whether an e-mail is registered.
 */

import { recordAudit } from "../../audit/mod.ts";
import { verifyDummy, verifyPassword } from "../../auth/passwords.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { createBackoff } from "../../kv/rate-limit.ts";
import { findUserByEmail, normalizeEmail, PLATFORM_SCOPE } from "../users/mod.ts";
import { issueTokens, type SessionTokens } from "./issue.ts";
import type { Device } from "./model.ts";
import { type ClientMeta, startSession } from "./sessions.ts";
import type { TokenSigner } from "./tokens.ts";

const MAX_LOCKOUT_MS = 15 * 60_000;

export function loginBackoffs(ctx: Pick<AppContext, "cache" | "config">) {
  return {
    account: createBackoff(
      ctx.cache,
      { freeFailures: ctx.config.LOGIN_FREE_FAILURES, baseMs: 1000, maxMs: MAX_LOCKOUT_MS },
      "bo:login:acct:",
    ),
    ip: createBackoff(
      ctx.cache,
      { freeFailures: ctx.config.LOGIN_IP_FREE_FAILURES, baseMs: 1000, maxMs: MAX_LOCKOUT_MS },
      "bo:login:ip:",
    ),
  };
}

export function tooManyAttempts(waitMs: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError("rate_limited", "Too many failed attempts; try again later", { retryAfter });
}

async function platformAdmin(ctx: AppContext, email: string) {
  const found = await findUserByEmail(ctx, null, email);
  return found?.role === "platform_admin" && found.status === "active" ? found : null;
}

export interface LoginInput {
  storeId: string | null;
  email: string;
  password: string;
  device: Device;
}

export async function login(
  ctx: AppContext,
  signer: TokenSigner,
  input: LoginInput,
  meta: ClientMeta,
): Promise<SessionTokens> {
  const email = normalizeEmail(input.email);
  const accountKey = `${input.storeId ?? PLATFORM_SCOPE}:${email}`;
  const ipKey = meta.ip ?? "unknown";
  const backoff = loginBackoffs(ctx);
  const wait = Math.max(await backoff.account.lockedFor(accountKey), await backoff.ip.lockedFor(ipKey));
  if (wait > 0) throw tooManyAttempts(wait);

  const user = await findUserByEmail(ctx, input.storeId, email);
  // The platform admin at a store's login form: the account lives outside every store, so the
  // store would call a right password wrong. Their own hash replaces the dummy one (same work),
  // their platform lock-out applies too, and only the right password learns where to sign in.
  const admin = user || input.storeId === null ? null : await platformAdmin(ctx, email);
  const adminKey = `${PLATFORM_SCOPE}:${email}`;
  if (admin) {
    const adminWait = await backoff.account.lockedFor(adminKey);
    if (adminWait > 0) throw tooManyAttempts(adminWait);
  }
  const hash = user?.passwordHash ?? admin?.passwordHash;
  const ok = hash
    ? await verifyPassword(input.password, hash)
    : await verifyDummy(ctx.config, input.password);
  if (admin && ok)
    throw new AppError(
      "platform_account",
      "This is a platform admin account: sign in on the platform admin page (/admin), not at a store",
    );
  if (!user || !ok) {
    await Promise.all([
      backoff.account.penalty(accountKey),
      backoff.ip.penalty(ipKey),
      ...(admin ? [backoff.account.penalty(adminKey)] : []),
    ]);
    await recordAudit(ctx, {
      actor: null,
      action: "auth.login_failed",
      storeId: input.storeId,
      ...(user ? { target: { type: "user", id: user._id } } : {}),
      after: { email },
      ip: meta.ip,
      requestId: meta.requestId ?? null,
    });
    throw new AppError("invalid_credentials", "E-mail or password is incorrect");
  }
  if (user.status !== "active") throw new AppError("account_disabled", "This account is disabled");
  await backoff.account.clear(accountKey);
  const { session, refreshToken } = await startSession(ctx, user, input.device, meta);
  await recordAudit(ctx, {
    actor: {
      id: user._id,
      kind: "user",
      role: user.role,
      storeId: user.storeId,
      permissions: user.permissions,
    },
    action: "auth.login",
    storeId: user.storeId,
    target: { type: "session", id: session._id },
    after: { device: input.device },
    ip: meta.ip,
    requestId: meta.requestId ?? null,
  });
  return issueTokens(signer, user, session, refreshToken);
}
