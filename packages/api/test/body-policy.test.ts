/**
 * The pipeline's body policy over real HTTP, generated from the served OpenAPI: on every route
 * that takes a body, a `__proto__` / `constructor` / `prototype` key at any depth is a 400, and a
 * body of a media type the route does not declare (form, multipart, plain text, none named) is a
 * 415; nothing is written either way. Routes that take no body, and the players' GET outputs,
 * keep working as before, and what the pipeline takes is exactly what the OpenAPI says.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createApp } from "../src/app.ts";
import type { Principal } from "../src/auth/principal.ts";
import { migrate } from "../src/boot.ts";
import { COLLECTIONS } from "../src/collections.ts";
import { scan } from "../src/db/mod.ts";
import { bodyTypesByRoute } from "../src/http/body-policy.ts";
import { insertStoreDoc } from "../src/modules/stores/repo.ts";
import { createTestContext, type TestContext } from "../src/testing/context.ts";
import { fillPath, type Operation, operationsOf } from "./openapi-walk.ts";

const admin: Principal = {
  id: "admin-1",
  kind: "user",
  role: "platform_admin",
  storeId: null,
  permissions: [],
};
const TOKEN = "body-policy-admin";

let ctx: TestContext;
let app: ReturnType<typeof createApp>;
let base = "";
let operations: Operation[] = [];
/** The served document's paths, as the SDK reads them. */
let paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  await migrate(ctx);
  await insertStoreDoc(ctx, { slug: "policy", name: "Body policy store" });
  app = createApp(ctx, { authenticate: async (token) => (token === TOKEN ? admin : null) });
  app.listen({ hostname: "127.0.0.1", port: 0 });
  base = `http://127.0.0.1:${app.server?.port}`;
  const spec = await (await fetch(`${base}/openapi/json`)).json();
  paths = spec.paths;
  operations = operationsOf(spec).filter((op) => op.bodySchema !== undefined);
});
afterAll(async () => {
  await app.stop(true);
  await ctx.dispose();
});

async function everything(): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const def of COLLECTIONS) {
    const docs: unknown[] = [];
    for await (const doc of scan(ctx.store.collection(def))) docs.push(doc);
    out[def.name] = docs;
  }
  return JSON.stringify(out);
}

function send(op: Operation, body: BodyInit | null, type: string | null, token: string | null = TOKEN) {
  const headers: Record<string, string> = { "x-store": "policy" };
  if (type !== null) headers["content-type"] = type;
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(`${base}${fillPath(op.path)}`, { method: op.method, headers, body });
}

/** The route's own example body, which passes its schema. */
function exampleOf(op: Operation): Record<string, unknown> {
  const examples = op.bodySchema?.examples;
  const first = Array.isArray(examples) ? examples[0] : undefined;
  return typeof first === "object" && first !== null ? (first as Record<string, unknown>) : {};
}

/** The example as the raw JSON text `"…": …` members, so a key JSON.stringify would drop can be added. */
const members = (example: Record<string, unknown>) => JSON.stringify(example).slice(1, -1);
const withMember = (example: Record<string, unknown>, member: string) =>
  `{${[members(example), member].filter((m) => m.length > 0).join(",")}}`;

describe("the body policy on every route of the served OpenAPI", () => {
  test("refuses prototype keys at any depth with a 400 naming the key's pointer", async () => {
    const before = await everything();
    const cases = [
      { member: '"__proto__":{"polluted":true}', at: "/__proto__" },
      { member: '"constructor":{"prototype":{"polluted":true}}', at: "/constructor" },
      { member: '"deep":[{"a":{"b":[0,{"prototype":1}]}}]', at: "/deep/0/a/b/1/prototype" },
      { member: '"x":{"__proto__":null}', at: "/x/__proto__" },
    ];
    const failures: string[] = [];
    for (const op of operations) {
      for (const { member, at } of cases) {
        for (const token of [TOKEN, null]) {
          const response = await send(op, withMember(exampleOf(op), member), "application/json", token);
          const problem = (await response.json()) as { code?: string; errors?: Array<{ path: string }> };
          if (
            response.status !== 400 ||
            problem.code !== "validation_failed" ||
            problem.errors?.[0]?.path !== at
          )
            failures.push(
              `${op.method} ${op.path} ${at} ${token ? "admin" : "anonymous"} → ${response.status} ${JSON.stringify(problem).slice(0, 160)}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await everything()).toBe(before);
    expect(operations.length).toBeGreaterThan(40);
  });

  test("refuses bodies of media types the route does not declare with a 415", async () => {
    const before = await everything();
    const failures: string[] = [];
    for (const op of operations) {
      const example = exampleOf(op);
      // Never empty: an empty body is no body, whatever its type.
      const flat = {
        name: "x",
        ...Object.fromEntries(Object.entries(example).map(([k, v]) => [k, String(v)])),
      };
      const form = new FormData();
      for (const [k, v] of Object.entries(flat)) form.append(k, v);
      const bodies: Array<[string, BodyInit, string | null]> = [
        ["form", new URLSearchParams(flat).toString(), "application/x-www-form-urlencoded"],
        ["multipart", form, null],
        ["broken multipart", "--x\r\nnot a part", "multipart/form-data; boundary=x"],
        ["text", JSON.stringify(example), "text/plain"],
        ["no type", new Blob([JSON.stringify(example)]), null],
        ["json-like", JSON.stringify(example), "application/json-seq"],
      ];
      for (const [label, body, type] of bodies) {
        const response = await send(op, body, type);
        const problem = (await response.json()) as { code?: string; accepted?: string[] };
        const declared = Object.keys(paths[op.path]?.[op.method.toLowerCase()]?.requestBody?.content ?? {});
        if (
          response.status !== 415 ||
          problem.code !== "unsupported_media_type" ||
          JSON.stringify(problem.accepted) !== JSON.stringify(declared)
        )
          failures.push(`${op.method} ${op.path} [${label}] → ${response.status} ${problem.code}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await everything()).toBe(before);
  });

  test("takes JSON with parameters, and every route declares exactly the media types the pipeline takes", async () => {
    const login = operations.find((op) => op.path === "/v1/auth/login") as Operation;
    const response = await send(
      login,
      JSON.stringify({
        email: "nobody@example.com",
        password: "not the password",
        device: { name: "tv", kind: "tv" },
      }),
      "Application/JSON; charset=UTF-8",
      null,
    );
    expect(response.status).toBe(401);
    const runtime = bodyTypesByRoute(app.routes);
    const mismatches = operations.flatMap((op) => {
      const declared = Object.keys(paths[op.path]?.[op.method.toLowerCase()]?.requestBody?.content ?? {});
      const taken = runtime.get(`${op.method} ${op.path.replace(/\{([^}]+)\}/g, ":$1")}`) ?? [];
      return JSON.stringify(declared) === JSON.stringify(taken)
        ? []
        : [`${op.method} ${op.path}: ${declared} vs ${taken}`];
    });
    expect(mismatches).toEqual([]);
    const responses = operations.map((op) => Object.keys(op.raw.responses as object));
    expect(responses.every((statuses) => statuses.includes("400") && statuses.includes("415"))).toBe(true);
  });

  test("routes without a body and the players' GET outputs answer as before", async () => {
    const logout = await fetch(`${base}/v1/auth/logout`, {
      method: "POST",
      headers: { "x-store": "policy", "content-type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expect([logout.status, ((await logout.json()) as { code: string }).code]).toEqual([401, "unauthorized"]);
    const empty = await fetch(`${base}/v1/stores/00000000-0000-7000-8000-000000000000/activate`, {
      method: "POST",
      headers: { "x-store": "policy", authorization: `Bearer ${TOKEN}`, "content-type": "text/plain" },
    });
    expect(empty.status).toBe(404);
    const player = await fetch(`${base}/player_api.php?username=nobody&password=wrong`, {
      headers: { "x-store": "policy" },
    });
    expect([player.status, await player.json()]).toEqual([200, { user_info: { auth: 0 } }]);
    for (const path of [
      "/get.php?username=nobody&password=wrong",
      "/xmltv.php?username=nobody&password=wrong",
    ]) {
      const output = await fetch(`${base}${path}`, { headers: { "x-store": "policy" } });
      expect(`${path} ${output.status}`).toBe(`${path} 401`);
    }
  });
});
