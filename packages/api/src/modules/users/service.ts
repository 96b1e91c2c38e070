/**
 * Account operations shared by sign-up, store creation, the admin CLI and the users routes.
 */

import { recordAudit } from "../../audit/mod.ts";
import { hashPassword } from "../../auth/passwords.ts";
import type { Permission } from "../../auth/permissions.ts";
import type { Principal, Role } from "../../auth/principal.ts";
import type { AppContext } from "../../context.ts";
import type { Page } from "../../db/port.ts";
import { AppError, isAppError } from "../../errors/app-error.ts";
import { normalizeEmail, PLATFORM_SCOPE, toUser, type User, type UserDoc, type UserStatus } from "./model.ts";
import { storeUsers, usersCollection } from "./repo.ts";

type Ctx = Pick<AppContext, "store" | "config">;

export interface NewUser {
  storeId: string | null;
  email: string;
  password: string;
  role: Role;
  permissions?: Permission[];
  name?: string | null;
  emailVerified?: boolean;
}

export async function createUser(ctx: Ctx, input: NewUser): Promise<UserDoc> {
  if ((input.role === "platform_admin") !== (input.storeId === null))
    throw new AppError("bad_request", "Platform admins have no store; every other account has one");
  const now = new Date().toISOString();
  const doc = {
    storeId: input.storeId,
    scope: input.storeId ?? PLATFORM_SCOPE,
    email: normalizeEmail(input.email),
    name: input.name ?? null,
    passwordHash: await hashPassword(ctx.config, input.password),
    role: input.role,
    permissions: input.role === "store_staff" ? [...new Set(input.permissions ?? [])] : [],
    status: "active" as const,
    emailVerifiedAt: input.emailVerified ? now : null,
    passwordChangedAt: now,
    createdAt: now,
    updatedAt: now,
  };
  try {
    return input.storeId === null
      ? await usersCollection(ctx).insert(doc)
      : await storeUsers(ctx, input.storeId).insert({ ...doc, storeId: input.storeId });
  } catch (error) {
    if (isAppError(error) && error.code === "duplicate")
      throw new AppError("duplicate", "An account with this e-mail already exists here", { field: "email" });
    throw error;
  }
}

/** A store's account by id, or null when it does not exist or belongs to another store. */
export async function getUserInStore(
  ctx: Pick<AppContext, "store">,
  storeId: string,
  userId: string,
): Promise<User | null> {
  const doc = await storeUsers(ctx, storeId).get(userId);
  return doc ? toUser(doc) : null;
}

export async function getUserDocInStore(
  ctx: Pick<AppContext, "store">,
  storeId: string,
  userId: string,
): Promise<UserDoc> {
  const doc = await storeUsers(ctx, storeId).get(userId);
  if (!doc) throw new AppError("not_found", "No such user in this store");
  return doc;
}

export interface UserListOptions {
  role?: Role;
  cursor?: string;
  limit?: number;
}

export async function listUsers(
  ctx: Pick<AppContext, "store">,
  storeId: string,
  options: UserListOptions,
): Promise<Page<User>> {
  const page = await storeUsers(ctx, storeId).find(
    { role: options.role },
    {
      sort: [["createdAt", -1]],
      ...(options.limit === undefined ? {} : { limit: options.limit }),
      ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
    },
  );
  return { items: page.items.map(toUser), nextCursor: page.nextCursor };
}

export interface UserChange {
  name?: string;
  role?: "store_staff" | "viewer" | "affiliate";
  permissions?: Permission[];
  status?: UserStatus;
}

/**
 * Changes an account at a store. Owners and admins change roles and staff permissions; staff
 * with `users.manage` may rename and disable viewers and affiliates only, so no one grants
 * more than they hold. Owners are changed only by platform admins.
 */
export async function updateUser(
  ctx: Pick<AppContext, "store">,
  actor: Principal,
  storeId: string,
  userId: string,
  change: UserChange,
  meta: { ip?: string | null; requestId?: string | null } = {},
): Promise<User> {
  const before = await getUserDocInStore(ctx, storeId, userId);
  const isManager = actor.role === "platform_admin" || actor.role === "store_owner";
  if (before.role === "store_owner" && actor.role !== "platform_admin")
    throw new AppError("forbidden", "Only platform admins change a store owner's account");
  if (!isManager) {
    if (change.role !== undefined || change.permissions !== undefined)
      throw new AppError("forbidden", "Only the store owner changes roles and permissions");
    if (before.role === "store_staff")
      throw new AppError("forbidden", "Only the store owner changes staff accounts");
  }
  if (userId === actor.id && change.status === "disabled")
    throw new AppError("conflict", "You cannot disable your own account");
  const role = change.role ?? before.role;
  const permissions = role === "store_staff" ? (change.permissions ?? before.permissions) : [];
  const after = await storeUsers(ctx, storeId).update(userId, {
    ...(change.name === undefined ? {} : { name: change.name }),
    ...(change.status === undefined ? {} : { status: change.status }),
    role,
    permissions,
    updatedAt: new Date().toISOString(),
  });
  if (!after) throw new AppError("not_found", "No such user in this store");
  const roleChanged = role !== before.role || permissions.join() !== before.permissions.join();
  if (roleChanged || change.status !== undefined)
    await recordAudit(ctx, {
      actor,
      action: roleChanged ? "user.role_change" : "user.update",
      storeId,
      target: { type: "user", id: userId },
      before: { role: before.role, permissions: before.permissions, status: before.status },
      after: { role: after.role, permissions: after.permissions, status: after.status },
      ip: meta.ip ?? null,
      requestId: meta.requestId ?? null,
    });
  return toUser(after);
}

export async function setPasswordHash(
  ctx: Pick<AppContext, "store">,
  userId: string,
  passwordHash: string,
): Promise<void> {
  const now = new Date().toISOString();
  await usersCollection(ctx).update(userId, { passwordHash, passwordChangedAt: now, updatedAt: now });
}

export async function markEmailVerified(ctx: Pick<AppContext, "store">, userId: string): Promise<void> {
  const now = new Date().toISOString();
  await usersCollection(ctx).update(userId, { emailVerifiedAt: now, updatedAt: now });
}
