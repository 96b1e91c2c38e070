/**
 * Account flows after login: refresh, password change, e-mail verification and password reset
 * (registration is `register.ts`).
 */

import { recordAudit } from "../../audit/mod.ts";
import { acceptablePassword } from "../../auth/password-policy.ts";
import { hashPassword, verifyAccountPassword } from "../../auth/passwords.ts";
import type { Principal } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { createRateLimiter } from "../../kv/rate-limit.ts";
import type { MailService } from "../mail/mod.ts";
import { getStoreCached, type StoreDoc } from "../tenancy/mod.ts";
import {
  findUserByEmail,
  findUserById,
  markEmailVerified,
  normalizeEmail,
  setPasswordHash,
  type UserDoc,
} from "../users/mod.ts";
import { createEmailToken, peekEmailToken, spendEmailToken } from "./email-tokens.ts";
import { issuePendingTokens, issueTokens, type SessionTokens } from "./issue.ts";
import { type ClientMeta, revokeSession, revokeUserSessions, rotateRefresh } from "./sessions.ts";
import type { TokenSigner } from "./tokens.ts";

/** Reset mails per account per hour: enough for a person, useless for mail-bombing. */
const RESET_MAILS_PER_HOUR = 3;

function audited(user: UserDoc): Principal {
  return {
    id: user._id,
    kind: "user",
    role: user.role,
    storeId: user.storeId,
    permissions: user.permissions,
  };
}

/**
 * A link in a mail: the web app's page for it (`/reset-password`, `/verify-email`), naming the
 * store on the platform's address so the page shows the store's branding.
 */
export function pageLink(
  ctx: AppContext,
  store: { slug: string } | null,
  page: string,
  token?: string,
): string {
  const base = (ctx.config.WEB_URL ?? ctx.config.PUBLIC_URL ?? "").replace(/\/+$/, "");
  const query = new URLSearchParams({
    ...(store ? { store: store.slug } : {}),
    ...(token === undefined ? {} : { token }),
  });
  return query.size > 0 ? `${base}${page}?${query}` : `${base}${page}`;
}

/** What a new password of this account must not contain: its e-mail, its store's name. */
async function passwordContext(ctx: AppContext, user: UserDoc) {
  const store = user.storeId ? await getStoreCached(ctx, user.storeId) : null;
  return { email: user.email, storeName: store?.name, storeSlug: store?.slug };
}

export async function sendVerification(
  ctx: AppContext,
  mail: MailService,
  user: UserDoc,
  store: { slug: string; name: string } | null,
): Promise<void> {
  const token = await createEmailToken(ctx, "verify_email", user, ctx.config.EMAIL_TOKEN_TTL_SEC);
  await mail.send(
    {
      to: user.email,
      subject: `Confirm your e-mail address${store ? ` for ${store.name}` : ""}`,
      text: [
        "Please confirm your e-mail address by opening this link:",
        pageLink(ctx, store, "/verify-email", token),
        "",
        `Verification token: ${token}`,
      ].join("\n"),
    },
    { kind: "verify_email", storeId: user.storeId },
  );
}

/** New tokens for a refresh token; at a store (`storeId`), only for a session of that store. */
export async function refresh(
  ctx: AppContext,
  signer: TokenSigner,
  token: string,
  meta: ClientMeta,
  storeId: string | null = null,
): Promise<SessionTokens> {
  const { session, refreshToken } = await rotateRefresh(ctx, token, meta, storeId);
  if (session.pendingAccount) return issuePendingTokens(signer, session, refreshToken);
  const user = await findUserById(ctx, session.userId);
  if (user?.status !== "active") {
    await revokeSession(ctx, session._id, "account_unavailable");
    throw new AppError("token_invalid", "The refresh token is invalid, expired or revoked");
  }
  return issueTokens(signer, user, session, refreshToken);
}

export async function changePassword(
  ctx: AppContext,
  actor: Principal,
  input: { currentPassword: string; newPassword: string },
  meta: ClientMeta,
): Promise<{ revokedSessions: number }> {
  const user = await findUserById(ctx, actor.id);
  if (!user) throw new AppError("unauthorized", "Authentication is required");
  if (!(await verifyAccountPassword(input.currentPassword, user.passwordHash)))
    throw new AppError("invalid_credentials", "The current password is incorrect");
  const password = acceptablePassword(input.newPassword, await passwordContext(ctx, user), "newPassword");
  await setPasswordHash(ctx, user._id, await hashPassword(ctx.config, password));
  const revokedSessions = await revokeUserSessions(ctx, user._id, "password_change", actor.sessionId);
  await recordAudit(ctx, {
    actor,
    action: "auth.password_change",
    storeId: user.storeId,
    target: { type: "user", id: user._id },
    after: { revokedSessions },
    ip: meta.ip,
    requestId: meta.requestId ?? null,
  });
  return { revokedSessions };
}

export async function confirmEmail(ctx: AppContext, token: string): Promise<void> {
  const spent = await spendEmailToken(ctx, "verify_email", token);
  await markEmailVerified(ctx, spent.userId);
}

/** Sends a reset mail when the account exists; answers the same either way. */
export async function requestPasswordReset(
  ctx: AppContext,
  mail: MailService,
  store: StoreDoc | null,
  email: string,
): Promise<void> {
  const address = normalizeEmail(email);
  const limited = await createRateLimiter(ctx.cache, "rl:reset:").hit(
    `${store?._id ?? "platform"}:${address}`,
    {
      limit: RESET_MAILS_PER_HOUR,
      windowMs: 3_600_000,
    },
  );
  if (!limited.allowed) return;
  const user = await findUserByEmail(ctx, store?._id ?? null, address);
  if (user?.status !== "active") return;
  const token = await createEmailToken(ctx, "reset_password", user, ctx.config.RESET_TOKEN_TTL_SEC);
  await mail.send(
    {
      to: user.email,
      subject: `Reset your password${store ? ` for ${store.name}` : ""}`,
      text: [
        "Someone asked to reset your password. If it was you, open this link:",
        pageLink(ctx, store, "/reset-password", token),
        "",
        `Reset token: ${token}`,
        "",
        "If it was not you, ignore this message; your password stays as it is.",
      ].join("\n"),
    },
    { kind: "reset_password", storeId: user.storeId },
  );
}

export async function confirmPasswordReset(
  ctx: AppContext,
  token: string,
  newPassword: string,
  meta: ClientMeta,
): Promise<void> {
  // The password is checked before the token is spent: a refused one leaves the link working.
  const owner = await findUserById(ctx, (await peekEmailToken(ctx, "reset_password", token)).userId);
  if (!owner) throw new AppError("token_invalid", "The link is invalid, expired or already used");
  const password = acceptablePassword(newPassword, await passwordContext(ctx, owner), "newPassword");
  const spent = await spendEmailToken(ctx, "reset_password", token);
  const user = await findUserById(ctx, spent.userId);
  if (!user) throw new AppError("token_invalid", "The link is invalid, expired or already used");
  await setPasswordHash(ctx, user._id, await hashPassword(ctx.config, password));
  // Whoever knew the old password is out, and the mailbox owner proved control of the address.
  const revokedSessions = await revokeUserSessions(ctx, user._id, "password_reset");
  if (user.emailVerifiedAt === null) await markEmailVerified(ctx, user._id);
  await recordAudit(ctx, {
    actor: audited(user),
    action: "auth.password_reset",
    storeId: user.storeId,
    target: { type: "user", id: user._id },
    after: { revokedSessions },
    ip: meta.ip,
    requestId: meta.requestId ?? null,
  });
}
