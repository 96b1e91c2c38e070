/**
 * The role matrix: every route of plans, subscriptions, profiles and screens is called by every
 * role; the answer must match the route's entry in its module's access table.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { AccessRule } from "../../auth/access.ts";
import { type Principal, ROLES, type Role } from "../../auth/principal.ts";
import { newId } from "../../db/mod.ts";
import { PLAN_ACCESS } from "../plans/mod.ts";
import { PROFILE_ACCESS } from "../profiles/mod.ts";
import { SCREEN_ACCESS } from "../screens/mod.ts";
import { SUBSCRIPTION_ACCESS } from "../subscriptions/mod.ts";
import { createKit, type Kit } from "./testing.ts";

const TABLES: Record<string, AccessRule> = {
  ...PLAN_ACCESS,
  ...SUBSCRIPTION_ACCESS,
  ...PROFILE_ACCESS,
  ...SCREEN_ACCESS,
};

/** Valid bodies, so validation never answers before the access check would. */
const BODIES: Record<string, unknown> = {
  "POST /v1/plans": { name: "P", price: 1, currency: "EUR", durationDays: 1, screens: 1 },
  "PATCH /v1/plans/:id": { price: 2 },
  "POST /v1/subscriptions": { viewerId: "nobody", planId: "nothing" },
  "POST /v1/subscriptions/:id/extend": { days: 1 },
  "POST /v1/subscriptions/:id/suspend": {},
  "POST /v1/subscriptions/:id/resume": {},
  "POST /v1/subscriptions/:id/revoke": {},
  "POST /v1/me/profiles": { name: "P" },
  "PATCH /v1/me/profiles/:id": { name: "Q" },
  "POST /v1/me/profiles/:id/pin/verify": { pin: "1234" },
};

let kit: Kit;
let store: string;

beforeAll(async () => {
  kit = await createKit();
  store = await kit.store();
});
afterAll(() => kit.dispose());

function caller(role: Role, permissions: Principal["permissions"]): Principal {
  return { id: newId(), kind: "user", role, storeId: role === "platform_admin" ? null : store, permissions };
}

async function statusOf(route: string, as: Principal | null): Promise<number> {
  const [method = "GET", template = "/"] = route.split(" ");
  const path = template.replace(":sessionId", "s-1").replace(":id", newId());
  const res = await kit.call(method, path, { as, body: BODIES[route], headers: { "x-store": store } });
  return res.status;
}

describe("role matrix", () => {
  for (const [route, rule] of Object.entries(TABLES)) {
    test(`${route} answers each role as its access rule says`, async () => {
      for (const role of ROLES) {
        const allowed = rule.roles === "public" || rule.roles.includes(role);
        const status = await statusOf(route, caller(role, rule.permission ? [rule.permission] : []));
        if (allowed) expect([401, 403], `${role} on ${route}`).not.toContain(status);
        else expect(status, `${role} on ${route}`).toBe(403);
      }
      if (rule.roles !== "public") expect(await statusOf(route, null)).toBe(401);
      if (rule.permission && rule.roles !== "public" && rule.roles.includes("store_staff")) {
        expect(await statusOf(route, caller("store_staff", []))).toBe(403);
      }
    });
  }

  test("every route is in the OpenAPI document with its roles and a tag", async () => {
    const res = await kit.app.handle(new Request("http://localhost/openapi/json"));
    const spec = (await res.json()) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    for (const [route, rule] of Object.entries(TABLES)) {
      const [method = "", template = ""] = route.split(" ");
      const op = spec.paths[template.replace(/:(\w+)/g, "{$1}")]?.[method.toLowerCase()];
      expect(op, route).toBeDefined();
      expect(op?.tags, route).toHaveLength(1);
      expect(op?.["x-roles"], route).toEqual(rule.roles === "public" ? ["public"] : [...rule.roles]);
    }
  });
});
