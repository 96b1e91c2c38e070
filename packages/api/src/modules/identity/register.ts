/**
 * Registration of viewers, answered alike whether or not the e-mail already has an account at
 * the store, so the route tells nobody who the store's customers are.
 *
 * Why this shape: the storefront signs a new viewer in at once (sign up, start the free trial,
 * watch), so a new account's answer is 201 with working tokens. Any other answer for a taken
 * e-mail (409, or "check your mail") would name the address as a customer. So a taken e-mail
 * also gets 201 with tokens and an account that looks new (fresh id, the e-mail and name as
 * sent, unverified), after the same password checks and hashing. Its tokens open a pending
 * session that stands for no account: it reads itself (`/v1/auth/me`), refreshes, lists and
 * ends itself, and is refused everywhere else (403 `email_unverified`). The real account is
 * untouched, and its owner is mailed that someone tried to register with their address, with
 * the way to log in or reset the password, which is also how a person who forgot the account
 * finds it again.
 *
 * What this does not hide: the first call past those few routes (starting a trial, say) tells
 * a pending session from a new account. Probing that way costs a registration per address,
 * held to the strict per-address auth limit, and mails the owner each time, where the 409 was
 * free and silent. Hiding it too would mean every new account waits for its mail before it can
 * watch, which is the sign-up journey this keeps.
 */

import { recordAudit } from "../../audit/mod.ts";
import { acceptablePassword } from "../../auth/password-policy.ts";
import { hashPassword } from "../../auth/passwords.ts";
import type { AppContext } from "../../context.ts";
import { newId } from "../../db/mod.ts";
import { AppError, isAppError } from "../../errors/app-error.ts";
import { createRateLimiter } from "../../kv/rate-limit.ts";
import type { MailService } from "../mail/mod.ts";
import type { StoreDoc } from "../tenancy/mod.ts";
import { createUser, findUserByEmail, normalizeEmail, type UserDoc } from "../users/mod.ts";
import { pageLink, sendVerification } from "./account.ts";
import { issuePendingTokens, issueTokens, type SessionTokens } from "./issue.ts";
import type { Device } from "./model.ts";
import { type ClientMeta, startSession } from "./sessions.ts";
import type { TokenSigner } from "./tokens.ts";

/** "Someone tried to register" mails per account per hour: a warning, not a mail bomb. */
const NOTICES_PER_HOUR = 3;

export interface RegisterInput {
  email: string;
  password: string;
  name?: string;
  device: Device;
}

export async function register(
  ctx: AppContext,
  signer: TokenSigner,
  mail: MailService,
  store: StoreDoc,
  input: RegisterInput,
  meta: ClientMeta,
): Promise<SessionTokens> {
  if (!store.settings.allowSignup)
    throw new AppError("signup_disabled", "This store does not accept sign-ups");
  const email = normalizeEmail(input.email);
  // Checked before the account is looked up: a weak password is refused alike either way.
  const password = acceptablePassword(
    input.password,
    { email, storeName: store.name, storeSlug: store.slug },
    "password",
  );
  const existing = await findUserByEmail(ctx, store._id, email);
  if (existing) return registerTaken(ctx, signer, mail, store, input, existing, password, meta);
  let user: UserDoc;
  try {
    user = await createUser(ctx, {
      storeId: store._id,
      email,
      password,
      role: "viewer",
      ...(input.name === undefined ? {} : { name: input.name }),
    });
  } catch (error) {
    // Two registrations of one e-mail at once: the later one is the taken case.
    const taken =
      isAppError(error) && error.code === "duplicate" ? await findUserByEmail(ctx, store._id, email) : null;
    if (!taken) throw error;
    return registerTaken(ctx, signer, mail, store, input, taken, password, meta);
  }
  await recordAudit(ctx, {
    actor: { id: user._id, kind: "user", role: user.role, storeId: user.storeId, permissions: [] },
    action: "auth.register",
    storeId: store._id,
    target: { type: "user", id: user._id },
    ip: meta.ip,
    requestId: meta.requestId ?? null,
  });
  await sendVerification(ctx, mail, user, store);
  const { session, refreshToken } = await startSession(ctx, user, input.device, meta);
  return issueTokens(signer, user, session, refreshToken);
}

/** The taken-e-mail path: the same work and answer as a new account, a pending session. */
async function registerTaken(
  ctx: AppContext,
  signer: TokenSigner,
  mail: MailService,
  store: StoreDoc,
  input: RegisterInput,
  existing: UserDoc,
  password: string,
  meta: ClientMeta,
): Promise<SessionTokens> {
  // The hash a new account's creation costs, thrown away: the answer must not come sooner.
  await hashPassword(ctx.config, password);
  await recordAudit(ctx, {
    actor: null,
    action: "auth.register_taken",
    storeId: store._id,
    target: { type: "user", id: existing._id },
    ip: meta.ip,
    requestId: meta.requestId ?? null,
  });
  await sendTakenNotice(ctx, mail, existing, store);
  const { session, refreshToken } = await startSession(
    ctx,
    { _id: newId(), storeId: store._id },
    input.device,
    meta,
    { email: existing.email, name: input.name ?? null },
  );
  return issuePendingTokens(signer, session, refreshToken);
}

async function sendTakenNotice(ctx: AppContext, mail: MailService, user: UserDoc, store: StoreDoc) {
  const limited = await createRateLimiter(ctx.cache, "rl:register-taken:").hit(user._id, {
    limit: NOTICES_PER_HOUR,
    windowMs: 3_600_000,
  });
  if (!limited.allowed) return;
  await mail.send(
    {
      to: user.email,
      subject: `Someone tried to create an account with your e-mail at ${store.name}`,
      text: [
        `Someone just tried to create an account at ${store.name} with this e-mail address, which`,
        "already has one. Nothing about your account has changed.",
        "",
        "If it was you, log in with your password:",
        pageLink(ctx, store, "/login"),
        "",
        "Forgot it? Set a new one here:",
        pageLink(ctx, store, "/forgot-password"),
        "",
        "If it was not you, ignore this message.",
      ].join("\n"),
    },
    { kind: "register_taken", storeId: user.storeId },
  );
}
