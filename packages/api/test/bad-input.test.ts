/**
 * Generated from the served OpenAPI: every route gets malformed JSON, wrong types, missing
 * fields, unknown fields and an oversized body, anonymously and as a platform admin. Every
 * answer must be a 4xx problem+json, never a 5xx, and no collection may change.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createApp } from "../src/app.ts";
import type { Principal } from "../src/auth/principal.ts";
import { migrate } from "../src/boot.ts";
import { COLLECTIONS } from "../src/collections.ts";
import { insertStoreDoc } from "../src/modules/stores/repo.ts";
import { createTestContext, type TestContext } from "../src/testing/context.ts";
import { badBodies, fillPath, operationsOf } from "./openapi-walk.ts";

const admin: Principal = {
  id: "admin-1",
  kind: "user",
  role: "platform_admin",
  storeId: null,
  permissions: [],
};
const ADMIN_TOKEN = "test-admin-token";

let ctx: TestContext;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  ctx = await createTestContext({ BODY_LIMIT_BYTES: "65536" });
  await migrate(ctx);
  await insertStoreDoc(ctx, { slug: "badinput", name: "Bad input store" });
  app = createApp(ctx, { authenticate: async (token) => (token === ADMIN_TOKEN ? admin : null) });
});
afterAll(() => ctx.dispose());

async function snapshot(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const def of COLLECTIONS) counts[def.name] = await ctx.store.collection(def).count({});
  return counts;
}

/** A streamed request body needs `duplex: "half"`, which the RequestInit type does not list yet. */
const HALF_DUPLEX = { duplex: "half" } as RequestInit;

/** Sends `body` with its Content-Length, or chunked: as a stream with no length, as Bun hands it on. */
function send(method: string, path: string, body: string, token?: string, chunked = false) {
  const bytes = new TextEncoder().encode(body);
  return app.handle(
    new Request(`http://localhost${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(bytes.length) }),
        "x-store": "badinput",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...HALF_DUPLEX,
      body: chunked
        ? new ReadableStream({
            start(controller) {
              for (let i = 0; i < bytes.length; i += 16_384) controller.enqueue(bytes.slice(i, i + 16_384));
              controller.close();
            },
          })
        : bytes,
    }),
  );
}

async function served() {
  const response = await app.handle(new Request("http://localhost/openapi/json"));
  return operationsOf((await response.json()) as Parameters<typeof operationsOf>[0]);
}

describe("bad input on every route of the served OpenAPI", () => {
  test("every JSON request body refuses unknown fields", async () => {
    const open = (await served())
      .filter(
        (op) =>
          op.bodySchema && op.bodySchema.type === "object" && op.bodySchema.additionalProperties !== false,
      )
      .map((op) => `${op.method} ${op.path}`);
    expect(open).toEqual([]);
  });

  test("is answered with a 4xx problem and writes nothing", async () => {
    const spec = (await (
      await app.handle(new Request("http://localhost/openapi/json"))
    ).json()) as Parameters<typeof operationsOf>[0];
    const operations = operationsOf(spec).filter((op) => op.method !== "GET");
    const before = await snapshot();
    const failures: string[] = [];
    let checked = 0;
    for (const op of operations) {
      const path = fillPath(op.path);
      // Routes without a body schema ignore a body (as HTTP allows); only its size is checked there.
      const cases = [
        ...(op.bodySchema ? [{ label: "malformed JSON", body: '{"a": [1, 2' }] : []),
        { label: "oversized body", body: JSON.stringify({ blob: "x".repeat(70_000) }) },
        {
          label: "oversized chunked body",
          body: JSON.stringify({ blob: "x".repeat(70_000) }),
          chunked: true,
        },
        ...badBodies(op.bodySchema).map((c) => ({ label: c.label, body: JSON.stringify(c.body) })),
      ];
      for (const token of [undefined, ADMIN_TOKEN]) {
        for (const c of cases) {
          const response = await send(op.method, path, c.body, token, "chunked" in c);
          checked++;
          const type = response.headers.get("content-type") ?? "";
          if (response.status < 400 || response.status >= 500 || !type.startsWith("application/problem+json"))
            failures.push(
              `${op.method} ${op.path} [${c.label}, ${token ? "admin" : "anonymous"}] → ${response.status} ${type}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
    expect(operations.length).toBeGreaterThan(10);
    expect(checked).toBeGreaterThanOrEqual(operations.length * 4);
  });

  test("the player outputs answer bad line credentials as players expect, never a 5xx", async () => {
    // get.php, xmltv.php, player_api.php and the stream URLs authenticate by line username and
    // password in the URL: a refusal is a 4xx problem, except player_api.php, which answers
    // Xtream players the way they understand (200 with `user_info.auth` 0).
    const operations = (await served()).filter(
      (op) => op.tags.includes("player-api") && !op.path.startsWith("/v1/"),
    );
    const long = "u".repeat(300);
    const cases = [
      { label: "no credentials", query: "", fill: { username: "nobody", password: "wrong", file: "1.ts" } },
      {
        label: "wrong credentials",
        query: "?username=nobody&password=wrong&action=get_live_streams",
        fill: { username: "nobody", password: "wrong", file: "1.ts" },
      },
      {
        label: "over-long username",
        query: `?username=${long}&password=x`,
        fill: { username: long, password: "x", file: "1.ts" },
      },
      {
        label: "malformed values",
        query: "?username=nobody&password=wrong&output=%00",
        fill: { username: "nobody", password: "wrong", file: "..%2F..%2Fetc" },
      },
    ];
    const failures: string[] = [];
    for (const op of operations) {
      for (const c of cases) {
        const path = op.path.replace(
          /\{([^}]+)\}/g,
          (_, name: string) => c.fill[name as keyof typeof c.fill] ?? "x",
        );
        const response = await app.handle(
          new Request(`http://localhost${path}${c.query}`, { headers: { "x-store": "badinput" } }),
        );
        const type = response.headers.get("content-type") ?? "";
        const text = await response.text();
        const problem =
          response.status >= 400 && response.status < 500 && type.startsWith("application/problem+json");
        const xtreamRefusal =
          op.path === "/player_api.php" && response.status === 200 && JSON.parse(text)?.user_info?.auth === 0;
        if (!problem && !xtreamRefusal)
          failures.push(`GET ${op.path} [${c.label}] → ${response.status} ${type} ${text.slice(0, 80)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(operations.map((op) => op.path).sort()).toEqual([
      "/get.php",
      "/live/{username}/{password}/{file}",
      "/movie/{username}/{password}/{file}",
      "/player_api.php",
      "/series/{username}/{password}/{file}",
      "/xmltv.php",
    ]);
  });
});
