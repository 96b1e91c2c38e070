/**
 * Route access in one place per route: `access: { roles, permission }` on a route both checks the
 * caller and writes the rule into the OpenAPI operation (`x-roles`, `x-permission`), so the role
 * matrix test reads the same table the server enforces.
 */
import { type DocumentDecoration, Elysia } from "elysia";
import { AppError } from "../errors/app-error.ts";
import { bearerToken } from "./guard.ts";
import type { Permission } from "./permissions.ts";
import type { Authenticate, Principal, Role } from "./principal.ts";

export interface AccessRule {
  /** Roles that may call the route, or "public" for no authentication at all. */
  readonly roles: readonly Role[] | "public";
  /** For store staff and API keys: the permission the route needs (owners and admins hold all). */
  readonly permission?: Permission;
  /**
   * Whether a pending session (`Principal.pending`) may call the route: only the few about the
   * session itself (who am I, log out, devices). Everywhere else it is refused, so a
   * registration with a taken e-mail, which answers like a new account, can act as nobody.
   */
  readonly pending?: true;
}

/** Throws unless the principal satisfies the rule; returns it for the handler. */
export function checkAccess(principal: Principal | null, rule: AccessRule): Principal | null {
  // A pending session is nobody: public routes see an anonymous caller.
  if (rule.roles === "public") return principal?.pending ? null : principal;
  if (!principal) throw new AppError("unauthorized", "Authentication is required");
  if (!rule.roles.includes(principal.role))
    throw new AppError("forbidden", "Your role may not perform this action");
  if (principal.pending && !rule.pending)
    throw new AppError(
      "email_unverified",
      "This session waits for its e-mail address: see the message we sent there",
    );
  if (rule.permission && principal.role === "store_staff" && !principal.permissions.includes(rule.permission))
    throw new AppError("forbidden", `This action needs the "${rule.permission}" permission`);
  return principal;
}

/** Whether a principal holds a permission (owners and admins hold all of their scope). */
export function holds(principal: Principal, permission: Permission): boolean {
  if (principal.role === "platform_admin" || principal.role === "store_owner") return true;
  return principal.role === "store_staff" && principal.permissions.includes(permission);
}

/**
 * Whether a bearer token is a JWT whose `exp` has passed. Only its own expiry is read (no
 * signature check): the answer tells the caller nothing but that its token is stale.
 */
function isExpiredJwt(token: string): boolean {
  const payload = token.split(".")[1];
  if (!payload) return false;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { exp?: unknown };
    return typeof claims.exp === "number" && claims.exp * 1000 <= Date.now();
  } catch {
    return false;
  }
}

/** Resolves `principal` for the module that uses it and adds the `access` route option. */
export function accessPlugin(authenticate: Authenticate) {
  return new Elysia()
    .derive({ as: "scoped" }, async ({ request }) => {
      const token = bearerToken(request);
      const principal = token ? await authenticate(token) : null;
      return { principal, staleToken: principal === null && token !== undefined && isExpiredJwt(token) };
    })
    .macro({
      access: (rule: AccessRule) => ({
        detail: accessDetail(rule),
        // Checked in the transform phase, before body validation: an unauthorised caller gets
        // 401/403 whatever it sent, and learns nothing about the route's schema.
        transform({ principal, staleToken }: { principal?: Principal | null; staleToken?: boolean }) {
          // A client whose access token merely expired is told so, and refreshes instead of logging out.
          if (!principal && staleToken && rule.roles !== "public")
            throw new AppError("token_expired", "The access token has expired; refresh it");
          checkAccess(principal ?? null, rule);
        },
      }),
    });
}

/** The OpenAPI extension fields that publish a route's rule. */
function accessDetail(rule: AccessRule): DocumentDecoration {
  const detail: Record<string, unknown> = {
    "x-roles": rule.roles === "public" ? ["public"] : [...rule.roles],
  };
  if (rule.permission) detail["x-permission"] = rule.permission;
  if (rule.roles !== "public") detail.security = [{ bearer: [] }, { apiKey: [] }];
  return detail as DocumentDecoration;
}

/** The caller of a route whose access rule excludes "public". */
export function actorOf(principal: Principal | null): Principal {
  if (!principal) throw new AppError("unauthorized", "Authentication is required");
  return principal;
}
