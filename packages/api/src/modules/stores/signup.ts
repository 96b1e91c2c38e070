/**
 * Creating a store together with its owner account: by a platform admin, or self-service by a
 * new owner when the platform allows it (`ALLOW_STORE_SIGNUP`), who is then logged in.
 */

import { recordAudit } from "../../audit/mod.ts";
import type { Principal } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import type { Device, TokenSigner } from "../identity/mod.ts";
import {
  type ClientMeta,
  issueTokens,
  type SessionTokens,
  sendVerification,
  startSession,
} from "../identity/mod.ts";
import type { MailService } from "../mail/mod.ts";
import type { UserDoc } from "../users/mod.ts";
import { createUser } from "../users/mod.ts";
import type { StoreDoc } from "./model.ts";
import { createStore, type NewStore } from "./service.ts";

export interface OwnerInput {
  email: string;
  password: string;
  name?: string;
}

export async function createStoreWithOwner(
  ctx: AppContext,
  actor: Principal | null,
  input: NewStore & { owner?: OwnerInput },
  meta: ClientMeta,
): Promise<{ store: StoreDoc; owner: UserDoc | null }> {
  const store = await createStore(ctx, actor, input, meta);
  if (!input.owner) return { store, owner: null };
  const owner = await createUser(ctx, {
    storeId: store._id,
    email: input.owner.email,
    password: input.owner.password,
    role: "store_owner",
    ...(input.owner.name === undefined ? {} : { name: input.owner.name }),
  });
  await recordAudit(ctx, {
    actor,
    action: "user.role_change",
    storeId: store._id,
    target: { type: "user", id: owner._id },
    before: null,
    after: { role: "store_owner" },
    ip: meta.ip,
    requestId: meta.requestId ?? null,
  });
  return { store, owner };
}

export async function signupStore(
  ctx: AppContext,
  signer: TokenSigner,
  mail: MailService,
  input: NewStore & { owner: OwnerInput; device: Device },
  meta: ClientMeta,
): Promise<{ store: StoreDoc; session: SessionTokens }> {
  if (!ctx.config.ALLOW_STORE_SIGNUP)
    throw new AppError("signup_disabled", "Store sign-up is not open on this platform");
  const { store, owner } = await createStoreWithOwner(ctx, null, input, meta);
  if (!owner) throw new AppError("internal", "The store was created without its owner");
  await sendVerification(ctx, mail, owner, store);
  const { session, refreshToken } = await startSession(ctx, owner, input.device, meta);
  return { store, session: await issueTokens(signer, owner, session, refreshToken) };
}
