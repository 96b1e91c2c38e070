/**
 * Storage of accounts. Store accounts are always reached through `scoped`, so a query can
 * never see another store's users; platform accounts live in the "platform" scope.
 */
import type { AppContext } from "../../context.ts";
import { scoped } from "../../db/mod.ts";
import type { Collection } from "../../db/port.ts";
import { normalizeEmail, PLATFORM_SCOPE, USERS_COLLECTION, type UserDoc } from "./model.ts";

type Ctx = Pick<AppContext, "store">;

export function usersCollection(ctx: Ctx): Collection<UserDoc> {
  return ctx.store.collection<UserDoc>(USERS_COLLECTION);
}

/** A store account: the same document, with the store id known to be set. */
export type StoreUserDoc = UserDoc & { storeId: string };

export function storeUsers(ctx: Ctx, storeId: string): Collection<StoreUserDoc> {
  return scoped(ctx.store.collection<StoreUserDoc>(USERS_COLLECTION), storeId);
}

/** The account with this e-mail at a store, or among platform accounts when `storeId` is null. */
export async function findUserByEmail(
  ctx: Ctx,
  storeId: string | null,
  email: string,
): Promise<UserDoc | null> {
  const address = normalizeEmail(email);
  if (storeId === null) return usersCollection(ctx).findOne({ scope: PLATFORM_SCOPE, email: address });
  return storeUsers(ctx, storeId).findOne({ email: address });
}

/** Whether any platform admin exists (the production start says how to make the first). */
export async function hasPlatformAdmin(ctx: Ctx): Promise<boolean> {
  return (await usersCollection(ctx).findOne({ scope: PLATFORM_SCOPE, role: "platform_admin" })) !== null;
}

/** Any account by id, whatever its store: for token holders, whose store is already known. */
export async function findUserById(ctx: Ctx, id: string): Promise<UserDoc | null> {
  return usersCollection(ctx).get(id);
}
