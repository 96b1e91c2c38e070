/**
 * Turns a session into what the client receives: an access token (claims from the account as
 * it is now, so a role change applies at the next refresh) and the session's refresh token.
 */
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { toUser, type User, type UserDoc } from "../users/mod.ts";
import type { PendingAccount, SessionDoc } from "./model.ts";
import type { TokenSigner } from "./tokens.ts";

export interface SessionTokens {
  accessToken: string;
  tokenType: "Bearer";
  expiresIn: number;
  refreshToken: string;
  sessionId: string;
  user: User;
}

export interface IdentityDeps {
  readonly ctx: AppContext;
  readonly signer: TokenSigner;
}

export async function issueTokens(
  signer: TokenSigner,
  user: UserDoc,
  session: SessionDoc,
  refreshToken: string,
): Promise<SessionTokens> {
  return tokensFor(signer, toUser(user), session, refreshToken);
}

/** The answer of a login, refresh or registration for an account as the client sees it. */
async function tokensFor(
  signer: TokenSigner,
  user: User,
  session: SessionDoc,
  refreshToken: string,
): Promise<SessionTokens> {
  const accessToken = await signer.sign({
    sub: user.id,
    role: user.role,
    sto: user.storeId,
    perms: user.permissions,
    sid: session._id,
  });
  return {
    accessToken,
    tokenType: "Bearer",
    expiresIn: signer.ttlSec,
    refreshToken,
    sessionId: session._id,
    user,
  };
}

/**
 * What a pending session shows as its account: the shape of a new, unverified viewer's, so
 * it reads like one (see `register.ts`).
 */
export function pendingUser(session: SessionDoc & { pendingAccount: PendingAccount }): User {
  return {
    id: session.userId,
    storeId: session.storeId,
    email: session.pendingAccount.email,
    name: session.pendingAccount.name,
    role: "viewer",
    permissions: [],
    status: "active",
    emailVerified: false,
    createdAt: session.createdAt,
    updatedAt: session.createdAt,
  };
}

export async function issuePendingTokens(
  signer: TokenSigner,
  session: SessionDoc,
  refreshToken: string,
): Promise<SessionTokens> {
  if (!session.pendingAccount) throw new AppError("internal", "This session is not a pending one");
  const user = pendingUser({ ...session, pendingAccount: session.pendingAccount });
  return tokensFor(signer, user, session, refreshToken);
}
