import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Elysia, t } from "elysia";
import { createTestContext, type TestContext } from "../testing/context.ts";
import { bodyTypesOf, forbiddenKeyAt, type RouteShape } from "./body-policy.ts";
import { pipeline } from "./pipeline.ts";

describe("forbiddenKeyAt", () => {
  test("finds a prototype key at any depth and names it by JSON pointer", () => {
    expect(forbiddenKeyAt(JSON.parse('{"a":1,"__proto__":{}}'))).toBe("/__proto__");
    expect(forbiddenKeyAt(JSON.parse('[{"x":[1,{"constructor":1}]}]'))).toBe("/0/x/1/constructor");
    expect(forbiddenKeyAt(JSON.parse('{"a/b":{"c~d":{"prototype":true}}}'))).toBe("/a~1b/c~0d/prototype");
  });

  test("passes ordinary bodies, words that only contain the keys, and files", () => {
    expect(
      forbiddenKeyAt({ name: "constructor", proto: "__proto__", list: [1, "prototype", null] }),
    ).toBeNull();
    expect(forbiddenKeyAt({ prototypes: 1, _constructor: 2 })).toBeNull();
    expect(forbiddenKeyAt({ file: new File(["x"], "a.txt"), bytes: new Uint8Array(2) })).toBeNull();
    expect(forbiddenKeyAt("text")).toBeNull();
  });

  test("reports an object whose prototype a parser already replaced", () => {
    // What `target[key] = value` does for the key "__proto__" in a naive parser.
    const polluted = Object.setPrototypeOf({}, { admin: true });
    expect(forbiddenKeyAt({ nested: polluted })).toBe("/nested/__proto__");
  });
});

describe("bodyTypesOf", () => {
  test("is JSON for a route with a body schema and no parser, the named parsers otherwise", () => {
    expect(bodyTypesOf({ method: "POST", path: "/a", hooks: { body: {} } })).toEqual(["application/json"]);
    expect(
      bodyTypesOf({ method: "POST", path: "/a", hooks: { body: {}, parse: [{ fn: "urlencoded" }] } }),
    ).toEqual(["application/x-www-form-urlencoded"]);
    expect(bodyTypesOf({ method: "POST", path: "/a", hooks: { body: {}, parse: "formdata" } })).toEqual([
      "multipart/form-data",
    ]);
    expect(bodyTypesOf({ method: "POST", path: "/a", hooks: {} })).toBeUndefined();
  });
});

describe("routes that declare other media types", () => {
  let ctx: TestContext;
  let app: { handle(request: Request): Promise<Response> };
  beforeAll(async () => {
    ctx = await createTestContext();
    const composed = new Elysia({ normalize: false })
      .use(
        pipeline(
          ctx,
          (request): Promise<Response> => composed.handle(request),
          (): readonly RouteShape[] => composed.routes,
        ),
      )
      .post("/form", ({ body }) => ({ a: body.a }), {
        parse: "urlencoded",
        body: t.Object({ a: t.String() }),
      })
      .post("/upload", ({ body }) => ({ size: body.file.size }), {
        parse: "formdata",
        body: t.Object({ file: t.File() }),
      });
    app = composed;
  });
  afterAll(() => ctx.dispose());

  const post = (path: string, body: BodyInit, type?: string) =>
    app.handle(
      new Request(`http://localhost${path}`, {
        method: "POST",
        ...(type ? { headers: { "content-type": type } } : {}),
        body,
      }),
    );

  test("take their own type and refuse JSON with a 415 naming theirs", async () => {
    const form = await post("/form", "a=1", "application/x-www-form-urlencoded");
    expect([form.status, await form.json()]).toEqual([200, { a: "1" }]);
    const json = await post("/form", '{"a":"1"}', "application/json");
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({
      code: "unsupported_media_type",
      accepted: ["application/x-www-form-urlencoded"],
    });
    const data = new FormData();
    data.append("file", new File(["12345"], "a.bin"));
    const upload = await post("/upload", data);
    expect([upload.status, await upload.json()]).toEqual([200, { size: 5 }]);
  });

  test("still refuse a prototype key in a form body", async () => {
    const response = await post("/form", "a=1&__proto__=x", "application/x-www-form-urlencoded");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "validation_failed" });
  });
});
