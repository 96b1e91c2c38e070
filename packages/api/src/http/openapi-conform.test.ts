import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createKit, type Kit } from "../modules/entitlements/testing.ts";

type Operation = {
  security?: unknown;
  responses?: Record<string, { description?: string; content?: unknown }>;
};
let kit: Kit;
let doc: { servers?: unknown[]; paths: Record<string, Record<string, Operation>> };
const operations: Array<[string, string, Operation]> = [];

beforeAll(async () => {
  kit = await createKit();
  doc = await (await kit.app.handle(new Request("http://localhost/openapi/json"))).json();
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, operation] of Object.entries(item)) operations.push([path, method, operation]);
});
afterAll(() => kit.dispose());

describe("the served OpenAPI document", () => {
  test("names its server", () => {
    expect(doc.servers).toEqual([{ url: "/", description: expect.any(String) }]);
  });

  test("declares security on every operation: none for public ones, the node scheme for the edge's calls", () => {
    const undeclared = operations
      .filter(([, , op]) => op.security === undefined)
      .map(([p, m]) => `${m} ${p}`);
    expect(undeclared).toEqual([]);
    const security = (method: string, path: string) => doc.paths[path]?.[method]?.security;
    expect(security("post", "/v1/auth/login")).toEqual([]);
    expect(security("get", "/player_api.php")).toEqual([]);
    expect(security("get", "/health/live")).toEqual([]);
    expect(security("post", "/v1/edge/register")).toEqual([]);
    expect(security("post", "/v1/edge/heartbeat")).toEqual([{ node: [] }]);
    expect(security("get", "/v1/auth/me")).toEqual([{ bearer: [] }, { apiKey: [] }]);
  });

  test("has only OpenAPI methods, and media types in every response's content", () => {
    const methods = new Set(operations.map(([, method]) => method));
    expect(
      [...methods].filter((m) => !["get", "put", "post", "delete", "patch", "head", "options"].includes(m)),
    ).toEqual([]);
    expect(doc.paths["/v1/ws"]?.get?.responses).toHaveProperty("101");
    const falseContent = operations.flatMap(([path, method, op]) =>
      Object.entries(op.responses ?? {})
        .filter(
          ([, r]) =>
            r.content !== undefined && Object.values(r.content as object).some((m) => typeof m !== "object"),
        )
        .map(([status]) => `${method} ${path} ${status}`),
    );
    expect(falseContent).toEqual([]);
    expect(doc.paths["/v1/auth/logout"]?.post?.responses?.["204"]).toEqual({
      description: expect.any(String),
    });
  });
});
