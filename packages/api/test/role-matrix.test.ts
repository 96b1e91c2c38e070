/**
 * Role matrix, generated from the served OpenAPI: every protected route publishes its allowed
 * roles (`x-roles`) and permission (`x-permission`); each role is tried on each route and must
 * be refused exactly when the table says so — before its body is even validated.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { PERMISSIONS } from "../src/auth/permissions.ts";
import { type Principal, ROLES, type Role } from "../src/auth/principal.ts";
import { createKit, type Kit } from "../src/modules/entitlements/testing.ts";
import { findStoreById } from "../src/modules/stores/repo.ts";
import { createUser } from "../src/modules/users/mod.ts";
import { ask, fill, servedOperations } from "./matrix-kit.ts";
import type { Operation } from "./openapi-walk.ts";

let kit: Kit;
let storeId: string;
let slug: string;
/** A real account per role, so routes that read the caller's own record find it. */
const accounts = new Map<Role, string>();

beforeAll(async () => {
  kit = await createKit();
  storeId = await kit.store();
  slug = (await findStoreById(kit.ctx, storeId))?.slug ?? "";
  for (const role of ROLES) {
    const user = await createUser(kit.ctx, {
      storeId: role === "platform_admin" ? null : storeId,
      email: `${role}@matrix.example`,
      password: "matrix password 123",
      role,
      emailVerified: false,
    });
    accounts.set(role, user._id);
  }
});
afterAll(() => kit.dispose());

function principal(role: Role, permissions: string[]): Principal {
  const base = { id: accounts.get(role) ?? role, kind: "user" as const, role, permissions, sessionId: "s1" };
  return role === "platform_admin" ? { ...base, storeId: null } : { ...base, storeId };
}

/**
 * Routes a user principal does not call: node-authenticated edge routes, the unversioned probes,
 * and the WebSocket, whose handshake checks its token itself (realtime.test.ts drives it).
 */
const userRoute = (op: Operation) =>
  op.path.startsWith("/v1/") && !op.path.startsWith("/v1/edge/") && op.path !== "/v1/ws";

describe("role matrix from the OpenAPI x-roles table", () => {
  test("every user-facing /v1 route declares its roles", async () => {
    const undeclared = (await servedOperations(kit))
      .filter((op) => userRoute(op) && !Array.isArray(op.raw["x-roles"]))
      .map((op) => `${op.method} ${op.path}`);
    expect(undeclared).toEqual([]);
  });

  test("each role is let in or refused exactly as declared", async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const op of (await servedOperations(kit)).filter(userRoute)) {
      const roles = op.raw["x-roles"] as string[];
      if (roles.includes("public")) continue;
      const permission = op.raw["x-permission"] as string | undefined;
      const path = fill(op.path, {});
      const anonymous = await ask(kit, op, path, null, slug);
      if (anonymous.status !== 401)
        mismatches.push(`${op.method} ${op.path} anonymous → ${anonymous.status}`);
      const callers: Array<{ label: string; who: Principal; allowed: boolean }> = [];
      for (const role of ROLES) {
        const declared = roles.includes(role);
        if (role === "store_staff") {
          callers.push({
            label: "staff with every permission",
            who: principal(role, [...PERMISSIONS]),
            allowed: declared,
          });
          const without = PERMISSIONS.filter((p) => p !== permission);
          callers.push({
            label: "staff without the permission",
            who: principal(role, without),
            allowed: declared && !permission,
          });
        } else {
          callers.push({ label: role, who: principal(role, []), allowed: declared });
        }
      }
      for (const caller of callers) {
        const answer = await ask(kit, op, path, caller.who, slug);
        checked++;
        // Refusals by the access table; domain answers (a wrong current password, no plan) are not.
        const refused =
          (answer.status === 401 && answer.code === "unauthorized") ||
          (answer.status === 403 && answer.code === "forbidden");
        if (refused === caller.allowed)
          mismatches.push(
            `${op.method} ${op.path} ${caller.label}: ${answer.status} ${answer.code ?? ""} (allowed: ${caller.allowed})`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });

  test("refuses a caller before validating the body, so the schema is not probed", async () => {
    const viewer = principal("viewer", []);
    const garbage = await kit.call("POST", "/v1/plans", {
      as: viewer,
      body: { nonsense: true },
      headers: { "x-store": slug },
    });
    expect(garbage.status).toBe(403);
    const anonymous = await kit.call("POST", "/v1/plans", {
      body: { nonsense: true },
      headers: { "x-store": slug },
    });
    expect(anonymous.status).toBe(401);
  });
});
