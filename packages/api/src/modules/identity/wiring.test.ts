import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AccessRule } from "../../auth/access.ts";
import { serve } from "../../boot.ts";
import { API_KEY_ACCESS } from "../apikeys/mod.ts";
import { AUDIT_ACCESS } from "../audit/mod.ts";
import { STORE_ACCESS } from "../stores/mod.ts";
import { USER_ACCESS } from "../users/mod.ts";
import { createAuthenticate, IDENTITY_ACCESS } from "./mod.ts";
import { createIdentityKit, DEVICE, FAST_ENV, type IdentityKit, PASSWORD } from "./testing.ts";

describe("serve wiring", () => {
  let kit: IdentityKit;
  beforeAll(async () => {
    kit = await createIdentityKit({ PORT: "0" });
  });
  afterAll(() => kit.dispose());

  test("the realtime WebSocket accepts a real access token and refuses a forged one", async () => {
    const running = await serve(kit.ctx, createAuthenticate(kit.ctx));
    const { server } = running;
    try {
      const store = await kit.store();
      const wsUrl = `ws://127.0.0.1:${server.port}/v1/ws`;
      const pong = await new Promise<string>((resolve, reject) => {
        const ws = new WebSocket(`${wsUrl}?access_token=${store.ownerToken}`);
        ws.onopen = () => ws.send(JSON.stringify({ type: "ping" }));
        ws.onmessage = (event) => {
          resolve(String(event.data));
          ws.close();
        };
        ws.onerror = () => reject(new Error("websocket failed"));
      });
      expect(JSON.parse(pong).type).toBe("pong");

      const refused = await fetch(`http://127.0.0.1:${server.port}/v1/ws?access_token=forged.token.here`, {
        headers: {
          upgrade: "websocket",
          connection: "Upgrade",
          "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
          "sec-websocket-version": "13",
        },
      });
      expect(refused.status).toBe(401);
    } finally {
      await server.stop(true);
    }
  });
});

describe("openapi", () => {
  test("every identity route publishes its allowed roles", async () => {
    const kit = await createIdentityKit();
    try {
      const spec = await (await kit.app.handle(new Request("http://localhost/openapi/json"))).json();
      const mine = ["/v1/auth/", "/v1/stores", "/v1/public/store", "/v1/users", "/v1/api-keys", "/v1/audit"];
      let checked = 0;
      for (const [path, operations] of Object.entries(
        spec.paths as Record<string, Record<string, Record<string, unknown>>>,
      )) {
        if (!mine.some((prefix) => path.startsWith(prefix))) continue;
        for (const [method, operation] of Object.entries(operations)) {
          checked++;
          expect({
            route: `${method.toUpperCase()} ${path}`,
            roles: Array.isArray(operation["x-roles"]),
          }).toEqual({
            route: `${method.toUpperCase()} ${path}`,
            roles: true,
          });
          expect(operation.summary).toBeString();
        }
      }
      expect(checked).toBeGreaterThan(25);
      expect(spec.paths["/v1/audit"].get["x-permission"]).toBe("audit.read");
      expect(spec.paths["/v1/auth/login"].post["x-roles"]).toEqual(["public"]);

      // The access tables and the served spec say the same thing, route by route.
      const tables: Record<string, AccessRule> = {
        ...IDENTITY_ACCESS,
        ...STORE_ACCESS,
        ...USER_ACCESS,
        ...API_KEY_ACCESS,
        ...AUDIT_ACCESS,
      };
      for (const [route, rule] of Object.entries(tables)) {
        const [method = "", path = ""] = route.split(" ");
        const specPath = path.replace(/:([A-Za-z]+)/g, "{$1}");
        const operation =
          spec.paths[specPath]?.[method.toLowerCase()] ?? spec.paths[`${specPath}/`]?.[method.toLowerCase()];
        expect({ route, roles: operation?.["x-roles"] }).toEqual({
          route,
          roles: rule.roles === "public" ? ["public"] : [...rule.roles],
        });
      }
    } finally {
      await kit.dispose();
    }
  });
});

describe("admin create", () => {
  test("creates the first platform admin, who can then log in", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "nevewatch-cli-"));
    try {
      const env = {
        ...process.env,
        ...FAST_ENV,
        NODE_ENV: "test",
        DATA_DIR: dataDir,
        DATABASE_URL: `sqlite:${join(dataDir, "cli.db")}`,
        LOG_LEVEL: "silent",
      };
      const main = join(import.meta.dir, "../../main.ts");
      const run = (args: string[]) =>
        Bun.spawnSync(["bun", main, ...args], { env, stdout: "pipe", stderr: "pipe" });
      const created = run(["admin", "create", "--email", "Root@Example.com", "--password", PASSWORD]);
      expect(created.exitCode).toBe(0);
      expect(created.stdout.toString()).toContain("root@example.com");
      const again = run(["admin", "create", "--email", "root@example.com", "--password", PASSWORD]);
      expect(again.exitCode).toBe(1);
      expect(run(["admin", "create", "--email", "x@example.com", "--password", "short"]).exitCode).toBe(1);

      const kit = await createIdentityKit({
        DATA_DIR: dataDir,
        DATABASE_URL: `sqlite:${join(dataDir, "cli.db")}`,
      });
      try {
        const login = await kit.call("POST", "/v1/auth/login", {
          body: { email: "root@example.com", password: PASSWORD, device: DEVICE },
        });
        expect(login.status).toBe(200);
        expect(login.body.user).toMatchObject({ role: "platform_admin", storeId: null });
      } finally {
        await kit.dispose();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
