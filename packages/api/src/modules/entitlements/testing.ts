/**
 * Test kit for plans, subscriptions, profiles, screens and entitlements: a real app on real
 * SQLite and the memory cache, callers built as principals behind a tiny test Authenticate,
 * and store and viewer fixtures made through their own modules' functions.
 */
import { createApp } from "../../app.ts";
import { AUDIT_COLLECTION, type AuditEntry } from "../../audit/mod.ts";
import type { Permission } from "../../auth/permissions.ts";
import type { Authenticate, Principal } from "../../auth/principal.ts";
import { migrate } from "../../boot.ts";
import { newId } from "../../db/mod.ts";
import { createTestContext, jsonRequest, type TestContext } from "../../testing/context.ts";
import { insertStoreDoc } from "../stores/repo.ts";

import { createUser } from "../users/mod.ts";

export interface Kit {
  ctx: TestContext;
  app: ReturnType<typeof createApp>;
  /** Calls the app as `principal` (anonymous when omitted) and reads the JSON answer. */
  call(
    method: string,
    path: string,
    options?: {
      as?: Principal | null;
      body?: unknown;
      /** Sent as is with `Content-Type: application/json` (for malformed bodies). */
      rawBody?: string;
      headers?: Record<string, string>;
    },
    // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them
  ): Promise<{ status: number; headers: Headers; body: any }>;
  /** Audit entries about one object, oldest first. */
  audit(targetId: string): Promise<AuditEntry[]>;
  /** A store document; `suspended` and `maxProfiles` shape the cases that need them. */
  store(options?: { suspended?: boolean; maxProfiles?: number }): Promise<string>;
  /** A real viewer account in the store, and its principal. */
  viewer(storeId: string): Promise<Principal>;
  owner(storeId: string): Principal;
  staff(storeId: string, permissions: Permission[]): Principal;
  admin(): Principal;
  dispose(): Promise<void>;
}

function principal(
  role: Principal["role"],
  storeId: string | null,
  permissions: Permission[] = [],
): Principal {
  return { id: newId(), kind: "user", role, storeId, permissions };
}

export async function createKit(): Promise<Kit> {
  const ctx = await createTestContext({ PASSWORD_MEMORY_KIB: "1024", PASSWORD_TIME_COST: "1" });
  await migrate(ctx);
  const tokens = new Map<string, Principal>();
  const authenticate: Authenticate = async (token) => tokens.get(token) ?? null;
  const app = createApp(ctx, { authenticate });
  return {
    ctx,
    app,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.as) {
        const token = newId();
        tokens.set(token, options.as);
        headers.authorization = `Bearer ${token}`;
      }
      const request =
        options.rawBody === undefined
          ? jsonRequest(method, path, options.body, headers)
          : new Request(`http://localhost${path}`, {
              method,
              headers: { ...headers, "content-type": "application/json" },
              body: options.rawBody,
            });
      const response = await app.handle(request);
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
    },
    async audit(targetId) {
      const entries = ctx.store.collection<AuditEntry>(AUDIT_COLLECTION);
      return (await entries.find({ targetId }, { sort: [["at", 1]] })).items;
    },
    async store(options = {}) {
      return insertStoreDoc(ctx, {
        slug: `s${newId().slice(-12)}`,
        ...(options.suspended ? { suspendedReason: "Unpaid invoice" } : {}),
        ...(options.maxProfiles === undefined ? {} : { settings: { maxProfiles: options.maxProfiles } }),
      });
    },
    async viewer(storeId) {
      const doc = await createUser(ctx, {
        storeId,
        email: `${newId()}@example.com`,
        password: "correct horse battery staple",
        role: "viewer",
      });
      return { id: doc._id, kind: "user", role: "viewer", storeId, permissions: [] };
    },
    owner: (storeId) => principal("store_owner", storeId),
    staff: (storeId, permissions) => principal("store_staff", storeId, permissions),
    admin: () => principal("platform_admin", null),
    dispose: () => ctx.dispose(),
  };
}
