/**
 * Accounts of a store: owners, staff (with permissions picked from a fixed list), viewers and
 * affiliates. Owners (and platform admins) manage roles; staff with `users.manage` manage
 * viewers. `getUserInStore` is what other modules use to look up an account of a store.
 */
import { Elysia } from "elysia";
import { recordAudit } from "../../audit/mod.ts";
import { type AccessRule, accessPlugin, actorOf } from "../../auth/access.ts";
import { requestMeta } from "../../auth/client-ip.ts";
import type { Authenticate } from "../../auth/principal.ts";
import { rateLimitPlugin } from "../../auth/route-limits.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { problems } from "../../http/problem.ts";
import { revokeAllScreens } from "../screens/revoke.ts";
import { targetStore, tenancyPlugin } from "../tenancy/mod.ts";
import {
  CreateUserBody,
  toUser,
  UpdateUserBody,
  UserListQuery,
  UserPage,
  UserParams,
  UserSchema,
} from "./model.ts";
import { createUser, getUserInStore, listUsers, updateUser } from "./service.ts";

export { createPlatformAdmin } from "./admin.ts";
export {
  normalizeEmail,
  PLATFORM_SCOPE,
  toUser,
  USERS_COLLECTION,
  type User,
  type UserDoc,
  UserSchema,
} from "./model.ts";
export { findUserByEmail, findUserById, hasPlatformAdmin } from "./repo.ts";
export { createUser, getUserInStore, markEmailVerified, setPasswordHash } from "./service.ts";

const STORE_ADMINS = ["platform_admin", "store_owner", "store_staff"] as const;

/** The one place each route's callers are declared (enforced by the `access` option). */
export const USER_ACCESS = {
  "GET /v1/users": { roles: STORE_ADMINS, permission: "users.read" },
  "POST /v1/users": { roles: ["platform_admin", "store_owner"] },
  "GET /v1/users/:id": { roles: STORE_ADMINS, permission: "users.read" },
  "PATCH /v1/users/:id": { roles: STORE_ADMINS, permission: "users.manage" },
} as const satisfies Record<string, AccessRule>;

const TAGS = ["users"];

/**
 * Ends every login session of a user (a disabled account is signed out everywhere). Sessions
 * are identity's; the composition passes its function so users does not depend on identity,
 * which builds on users.
 */
export type RevokeUserSessions = (ctx: AppContext, userId: string, reason: string) => Promise<number>;

export function usersModule(
  ctx: AppContext,
  authenticate: Authenticate,
  revokeUserSessions: RevokeUserSessions,
) {
  const trust = ctx.config.TRUST_PROXY;
  return new Elysia({ name: "users", prefix: "/v1/users" })
    .use(tenancyPlugin(ctx))
    .use(accessPlugin(authenticate))
    .use(rateLimitPlugin(ctx, "api"))
    .get(
      "/",
      ({ principal, tenant, query }) => {
        const storeId = targetStore(actorOf(principal), tenant, query.storeId);
        return listUsers(ctx, storeId, {
          ...(query.role === undefined ? {} : { role: query.role }),
          ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
          ...(query.limit === undefined ? {} : { limit: query.limit }),
        });
      },
      {
        access: USER_ACCESS["GET /v1/users"],
        query: UserListQuery,
        detail: { summary: "List the accounts of a store, newest first", tags: TAGS },
        response: { 200: UserPage, ...problems(400, 401, 403, 404) },
      },
    )
    .post(
      "/",
      async (c) => {
        const actor = actorOf(c.principal);
        const storeId = targetStore(actor, c.tenant);
        const user = await createUser(ctx, {
          storeId,
          email: c.body.email,
          password: c.body.password,
          role: c.body.role,
          ...(c.body.permissions === undefined ? {} : { permissions: c.body.permissions }),
          ...(c.body.name === undefined ? {} : { name: c.body.name }),
        });
        const meta = requestMeta(c, trust);
        await recordAudit(ctx, {
          actor,
          action: "user.create",
          storeId,
          target: { type: "user", id: user._id },
          after: { email: user.email, role: user.role, permissions: user.permissions },
          ip: meta.ip,
          requestId: meta.requestId,
        });
        c.set.status = 201;
        return toUser(user);
      },
      {
        access: USER_ACCESS["POST /v1/users"],
        body: CreateUserBody,
        detail: { summary: "Create a staff, viewer or affiliate account at a store", tags: TAGS },
        response: { 201: UserSchema, ...problems(400, 401, 403, 404, 409) },
      },
    )
    .get(
      "/:id",
      async ({ principal, tenant, params }) => {
        const user = await getUserInStore(ctx, targetStore(actorOf(principal), tenant), params.id);
        if (!user) throw new AppError("not_found", "No such user in this store");
        return user;
      },
      {
        access: USER_ACCESS["GET /v1/users/:id"],
        params: UserParams,
        detail: { summary: "One account of the store", tags: TAGS },
        response: { 200: UserSchema, ...problems(401, 403, 404) },
      },
    )
    .patch(
      "/:id",
      async (c) => {
        const actor = actorOf(c.principal);
        const storeId = targetStore(actor, c.tenant);
        const user = await updateUser(ctx, actor, storeId, c.params.id, c.body, requestMeta(c, trust));
        if (user.status === "disabled") {
          await revokeUserSessions(ctx, user.id, "account_disabled");
          // Player lines have no login session: their screens end here too.
          await revokeAllScreens(ctx, { storeId, viewerId: user.id });
        }
        return user;
      },
      {
        access: USER_ACCESS["PATCH /v1/users/:id"],
        params: UserParams,
        body: UpdateUserBody,
        detail: { summary: "Change an account's name, role, staff permissions or status", tags: TAGS },
        response: { 200: UserSchema, ...problems(400, 401, 403, 404, 409) },
      },
    );
}
