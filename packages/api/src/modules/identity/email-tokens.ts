/**
 * Single-use, expiring tokens sent by e-mail (address verification, password reset). Only a
 * SHA-256 digest is stored; spending one is atomic, so a token works exactly once.
 */
import { randomSecret, sha256Hex } from "../../auth/secrets.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { EMAIL_TOKENS_COLLECTION, type EmailTokenDoc, type EmailTokenPurpose } from "./model.ts";

type Ctx = Pick<AppContext, "store">;

const PREFIX: Record<EmailTokenPurpose, string> = { verify_email: "nwe_", reset_password: "nwp_" };

const tokens = (ctx: Ctx) => ctx.store.collection<EmailTokenDoc>(EMAIL_TOKENS_COLLECTION);

export async function createEmailToken(
  ctx: Ctx,
  purpose: EmailTokenPurpose,
  user: { _id: string; storeId: string | null },
  ttlSec: number,
): Promise<string> {
  const token = randomSecret(PREFIX[purpose]);
  const now = Date.now();
  // An older unspent token of the same purpose stops working when a new one is sent.
  await tokens(ctx).updateMany(
    { userId: user._id, purpose, usedAt: null },
    { usedAt: new Date(now).toISOString() },
  );
  await tokens(ctx).insert({
    purpose,
    userId: user._id,
    storeId: user.storeId,
    hash: sha256Hex(token),
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + ttlSec * 1000).toISOString(),
    usedAt: null,
  });
  return token;
}

/** Spends a token; throws `token_invalid` when it is unknown, spent, expired or for another purpose. */
export async function spendEmailToken(
  ctx: Ctx,
  purpose: EmailTokenPurpose,
  token: string,
): Promise<EmailTokenDoc> {
  const now = new Date().toISOString();
  const spent = token.startsWith(PREFIX[purpose])
    ? await tokens(ctx).findOneAndUpdate(
        { hash: sha256Hex(token), purpose, usedAt: null, expiresAt: { gt: now } },
        { usedAt: now },
      )
    : null;
  if (!spent) throw new AppError("token_invalid", "The link is invalid, expired or already used");
  return spent;
}

/** The live token's record without spending it (to check a request before the token is used). */
export async function peekEmailToken(
  ctx: Ctx,
  purpose: EmailTokenPurpose,
  token: string,
): Promise<EmailTokenDoc> {
  const now = new Date().toISOString();
  const found = token.startsWith(PREFIX[purpose])
    ? await tokens(ctx).findOne({ hash: sha256Hex(token), purpose, usedAt: null, expiresAt: { gt: now } })
    : null;
  if (!found) throw new AppError("token_invalid", "The link is invalid, expired or already used");
  return found;
}
