/**
 * Identity: registration, login, rotating refresh tokens, logout, devices, password change,
 * e-mail verification and password reset. Login and the other unauthenticated routes are
 * rate-limited strictly per address; `createAuthenticate` turns tokens into principals.
 */
import { Elysia, t } from "elysia";
import { type AccessRule, accessPlugin, actorOf } from "../../auth/access.ts";
import { requestMeta } from "../../auth/client-ip.ts";
import type { Authenticate, Principal } from "../../auth/principal.ts";
import { rateLimitPlugin, withRetryAfter } from "../../auth/route-limits.ts";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { problems } from "../../http/problem.ts";
import type { MailService } from "../mail/mod.ts";
import { requireTenant, type StoreDoc, tenancyPlugin } from "../tenancy/mod.ts";
import { findUserById, toUser, UserSchema } from "../users/mod.ts";
import {
  changePassword,
  confirmEmail,
  confirmPasswordReset,
  refresh,
  requestPasswordReset,
  sendVerification,
} from "./account.ts";
import { pendingUser } from "./issue.ts";
import { login } from "./login.ts";
import {
  Accepted,
  ChangePasswordBody,
  DeviceSessionSchema,
  LoginBody,
  RefreshBody,
  RegisterBody,
  ResetConfirmBody,
  ResetRequestBody,
  SessionTokensSchema,
  TokenBody,
} from "./model.ts";
import { register } from "./register.ts";
import {
  getLiveSession,
  getSession,
  liveSessions,
  otherStore,
  revokeSession,
  revokeUserSessions,
} from "./sessions.ts";
import type { TokenSigner } from "./tokens.ts";

export { sendVerification } from "./account.ts";
export { createAuthenticate } from "./authenticate.ts";
export { purgeExpired, registerIdentityJobs } from "./cleanup.ts";
export { issueTokens, type SessionTokens } from "./issue.ts";
export { type Device, DeviceSchema, SessionTokensSchema } from "./model.ts";
export { type ClientMeta, revokeUserSessions, startSession } from "./sessions.ts";
export { createTokenSigner, type TokenSigner } from "./tokens.ts";

export interface IdentityModuleDeps {
  authenticate: Authenticate;
  signer: TokenSigner;
  mail: MailService;
}

const TAGS = ["auth"];
const PUBLIC = { roles: "public" } as const;
const ROLES = ["platform_admin", "store_owner", "store_staff", "viewer", "affiliate"] as const;
const ANY_USER = { roles: ROLES } as const;
/** Routes about the session itself, which a pending session (see `register.ts`) may call too. */
const ANY_SESSION = { roles: ROLES, pending: true } as const;

/** The one place each route's callers are declared (enforced by the `access` option). */
export const IDENTITY_ACCESS = {
  "POST /v1/auth/register": PUBLIC,
  "POST /v1/auth/login": PUBLIC,
  "POST /v1/auth/refresh": PUBLIC,
  "POST /v1/auth/verify-email/confirm": PUBLIC,
  "POST /v1/auth/password-reset/request": PUBLIC,
  "POST /v1/auth/password-reset/confirm": PUBLIC,
  "GET /v1/auth/me": ANY_SESSION,
  "POST /v1/auth/logout": ANY_SESSION,
  "POST /v1/auth/logout-all": ANY_SESSION,
  "POST /v1/auth/password": ANY_USER,
  "POST /v1/auth/verify-email/request": ANY_SESSION,
  "GET /v1/auth/devices": ANY_SESSION,
  "DELETE /v1/auth/devices/:id": ANY_SESSION,
} as const satisfies Record<string, AccessRule>;

/** Unauthenticated routes: strict per-address limits. */
function publicRoutes(ctx: AppContext, deps: IdentityModuleDeps) {
  const trust = ctx.config.TRUST_PROXY;
  return new Elysia({ prefix: "/v1/auth" })
    .use(tenancyPlugin(ctx))
    .use(accessPlugin(deps.authenticate))
    .use(rateLimitPlugin(ctx, "auth"))
    .post(
      "/register",
      async (c) => {
        c.set.status = 201;
        return register(ctx, deps.signer, deps.mail, requireTenant(c.tenant), c.body, requestMeta(c, trust));
      },
      {
        access: IDENTITY_ACCESS["POST /v1/auth/register"],
        body: RegisterBody,
        detail: {
          summary: "Register a viewer account at the resolved store and log in",
          description:
            "Answers alike for a new e-mail and one that already has an account here (whose owner is " +
            "mailed instead): the tokens of a taken e-mail open a pending session that can only read, " +
            "refresh and end itself, and gets 403 email_unverified elsewhere.",
          tags: TAGS,
        },
        response: { 201: SessionTokensSchema, ...problems(400, 403, 404, 429) },
      },
    )
    .post(
      "/login",
      (c) =>
        withRetryAfter(
          c.set,
          login(
            ctx,
            deps.signer,
            {
              storeId: c.tenant?._id ?? null,
              email: c.body.email,
              password: c.body.password,
              device: c.body.device,
            },
            requestMeta(c, trust),
          ),
        ),
      {
        access: IDENTITY_ACCESS["POST /v1/auth/login"],
        body: LoginBody,
        detail: {
          summary:
            "Log in at the resolved store (or as a platform admin without one); opens a device session",
          tags: TAGS,
        },
        response: { 200: SessionTokensSchema, ...problems(400, 401, 403, 404, 429) },
      },
    )
    .post(
      "/verify-email/confirm",
      async (c) => {
        await confirmEmail(ctx, c.body.token);
        c.set.status = 204;
      },
      {
        access: IDENTITY_ACCESS["POST /v1/auth/verify-email/confirm"],
        body: TokenBody,
        detail: { summary: "Confirm an e-mail address with the token from the mail", tags: TAGS },
        response: { 204: t.Void(), ...problems(400, 401, 429) },
      },
    )
    .post(
      "/password-reset/request",
      async (c) => {
        await requestPasswordReset(ctx, deps.mail, c.tenant, c.body.email);
        c.set.status = 202;
        return { status: "accepted" as const };
      },
      {
        access: IDENTITY_ACCESS["POST /v1/auth/password-reset/request"],
        body: ResetRequestBody,
        detail: {
          summary: "Mail a password-reset link; answers the same whether or not the account exists",
          tags: TAGS,
        },
        response: { 202: Accepted, ...problems(400, 404, 429) },
      },
    )
    .post(
      "/password-reset/confirm",
      async (c) => {
        await confirmPasswordReset(ctx, c.body.token, c.body.newPassword, requestMeta(c, trust));
        c.set.status = 204;
      },
      {
        access: IDENTITY_ACCESS["POST /v1/auth/password-reset/confirm"],
        body: ResetConfirmBody,
        detail: {
          summary: "Set a new password with a reset token; ends every session of the account",
          tags: TAGS,
        },
        response: { 204: t.Void(), ...problems(400, 401, 429) },
      },
    );
}

/** Routes of a logged-in user about their own account and devices. */
/**
 * Refresh: limited per address like the API at large, not as strictly as login. A refresh token
 * cannot be guessed (reuse revokes its session), and a web app refreshes on every page load, all
 * through one server address unless TRUST_PROXY is set.
 */
function refreshRoute(ctx: AppContext, deps: IdentityModuleDeps) {
  const trust = ctx.config.TRUST_PROXY;
  return new Elysia({ prefix: "/v1/auth" })
    .use(tenancyPlugin(ctx))
    .use(accessPlugin(deps.authenticate))
    .use(rateLimitPlugin(ctx, "session"))
    .post(
      "/refresh",
      (c) => refresh(ctx, deps.signer, c.body.refreshToken, requestMeta(c, trust), c.tenant?._id ?? null),
      {
        access: IDENTITY_ACCESS["POST /v1/auth/refresh"],
        body: RefreshBody,
        detail: {
          summary:
            "Exchange a refresh token for new tokens; a reused refresh token revokes its whole session",
          tags: TAGS,
        },
        response: { 200: SessionTokensSchema, ...problems(400, 401, 429) },
      },
    );
}

/**
 * A store member's credential is refused at another store's address (the same problem every
 * store-scoped route gives); platform admins act at any store.
 */
function assertHomeStore(principal: Principal | null, tenant: StoreDoc | null): void {
  if (!principal || !tenant || principal.role === "platform_admin") return;
  if (principal.storeId !== tenant._id) throw otherStore();
}

function accountRoutes(ctx: AppContext, deps: IdentityModuleDeps) {
  const trust = ctx.config.TRUST_PROXY;
  return new Elysia({ prefix: "/v1/auth" })
    .use(tenancyPlugin(ctx, { allowSuspended: true }))
    .use(accessPlugin(deps.authenticate))
    .use(rateLimitPlugin(ctx, "api"))
    .onBeforeHandle(({ principal, tenant }) => assertHomeStore(principal, tenant))
    .get(
      "/me",
      async ({ principal }) => {
        const actor = actorOf(principal);
        if (actor.pending && actor.sessionId) {
          const session = await getSession(ctx, actor.sessionId);
          if (session?.pendingAccount)
            return pendingUser({ ...session, pendingAccount: session.pendingAccount });
        }
        const user = await findUserById(ctx, actor.id);
        if (!user) throw new AppError("unauthorized", "Authentication is required");
        return toUser(user);
      },
      {
        access: IDENTITY_ACCESS["GET /v1/auth/me"],
        detail: { summary: "The logged-in account", tags: TAGS },
        response: { 200: UserSchema, ...problems(401, 403) },
      },
    )
    .post(
      "/logout",
      async ({ principal, set }) => {
        const actor = actorOf(principal);
        if (actor.sessionId) await revokeSession(ctx, actor.sessionId, "logout");
        set.status = 204;
      },
      {
        access: IDENTITY_ACCESS["POST /v1/auth/logout"],
        detail: { summary: "End this device session (its refresh token stops working)", tags: TAGS },
        response: { 204: t.Void(), ...problems(401, 403) },
      },
    )
    .post(
      "/logout-all",
      async ({ principal }) => ({
        revokedSessions: await revokeUserSessions(ctx, actorOf(principal).id, "logout_all"),
      }),
      {
        access: IDENTITY_ACCESS["POST /v1/auth/logout-all"],
        detail: { summary: "End every session of this account on every device", tags: TAGS },
        response: {
          200: t.Object({ revokedSessions: t.Integer() }, { examples: [{ revokedSessions: 3 }] }),
          ...problems(401, 403),
        },
      },
    )
    .post("/password", (c) => changePassword(ctx, actorOf(c.principal), c.body, requestMeta(c, trust)), {
      access: IDENTITY_ACCESS["POST /v1/auth/password"],
      body: ChangePasswordBody,
      detail: { summary: "Change the password; ends every other session of the account", tags: TAGS },
      response: {
        200: t.Object({ revokedSessions: t.Integer() }, { examples: [{ revokedSessions: 1 }] }),
        ...problems(400, 401, 403),
      },
    })
    .post(
      "/verify-email/request",
      async ({ principal, set }) => {
        const actor = actorOf(principal);
        // A pending session has no address of its own to confirm: it hears what a new account does.
        const user = actor.pending ? null : await findUserById(ctx, actor.id);
        if (!user && !actor.pending) throw new AppError("unauthorized", "Authentication is required");
        if (user?.emailVerifiedAt === null) await sendVerification(ctx, deps.mail, user, null);
        set.status = 202;
        return { status: "accepted" as const };
      },
      {
        access: IDENTITY_ACCESS["POST /v1/auth/verify-email/request"],
        detail: { summary: "Send the e-mail verification link again", tags: TAGS },
        response: { 202: Accepted, ...problems(401, 403) },
      },
    )
    .get(
      "/devices",
      async ({ principal }) => {
        const actor = actorOf(principal);
        return (await liveSessions(ctx, actor.id)).map((s) => ({
          id: s._id,
          device: s.device,
          current: s._id === actor.sessionId,
          ip: s.ip,
          userAgent: s.userAgent,
          createdAt: s.createdAt,
          lastUsedAt: s.lastUsedAt,
        }));
      },
      {
        access: IDENTITY_ACCESS["GET /v1/auth/devices"],
        detail: { summary: "Devices (sessions) logged in to this account", tags: TAGS },
        response: { 200: t.Array(DeviceSessionSchema), ...problems(401, 403) },
      },
    )
    .delete(
      "/devices/:id",
      async ({ principal, params, set }) => {
        const actor = actorOf(principal);
        if (!(await getLiveSession(ctx, actor.id, params.id)))
          throw new AppError("not_found", "No such device");
        await revokeSession(ctx, params.id, "device_removed");
        set.status = 204;
      },
      {
        access: IDENTITY_ACCESS["DELETE /v1/auth/devices/:id"],
        params: t.Object({ id: t.String({ maxLength: 64 }) }),
        detail: { summary: "Remove a device: its session and refresh token stop working", tags: TAGS },
        response: { 204: t.Void(), ...problems(401, 403, 404) },
      },
    );
}

export function identityModule(ctx: AppContext, deps: IdentityModuleDeps) {
  return new Elysia({ name: "identity" })
    .use(publicRoutes(ctx, deps))
    .use(refreshRoute(ctx, deps))
    .use(accountRoutes(ctx, deps));
}
