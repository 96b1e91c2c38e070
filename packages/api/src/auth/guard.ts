/**
 * Route protection: resolves the caller from `Authorization: Bearer …` or `X-Api-Key`
 * and offers the checks routes call. Authentication itself is injected (`Authenticate`).
 */
import { Elysia } from "elysia";
import { AppError } from "../errors/app-error.ts";
import type { Authenticate, Principal, Role } from "./principal.ts";

export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  if (header && /^bearer\s/i.test(header)) return header.slice(7).trim() || undefined;
  return request.headers.get("x-api-key")?.trim() || undefined;
}

/** Adds `principal` (or null) to the context of every route in the scope that uses it. */
export function authPlugin(authenticate: Authenticate) {
  return new Elysia({ name: "auth" }).derive({ as: "scoped" }, async ({ request }) => {
    const token = bearerToken(request);
    return { principal: token ? await authenticate(token) : null };
  });
}

export function requirePrincipal(principal: Principal | null): Principal {
  if (!principal) throw new AppError("unauthorized", "Authentication is required");
  return principal;
}

export function requireRole(principal: Principal | null, ...roles: Role[]): Principal {
  const p = requirePrincipal(principal);
  if (!roles.includes(p.role)) throw new AppError("forbidden", "Your role may not perform this action");
  return p;
}
