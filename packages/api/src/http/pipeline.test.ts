import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Elysia, t } from "elysia";
import { clientIp } from "../auth/client-ip.ts";
import { AppError } from "../errors/app-error.ts";
import { createTestContext, jsonRequest, type TestContext } from "../testing/context.ts";
import { BUN_BODY_CAP } from "./body.ts";
import { pipeline, refuseUnparsedBody, requestLog } from "./pipeline.ts";

let ctx: TestContext;
let app: { handle(request: Request): Promise<Response> };
/** A streamed request body needs `duplex: "half"`, which the RequestInit type does not list yet. */
const HALF_DUPLEX = { duplex: "half" } as RequestInit;
/** Bodies the /things handler ran with: an over-limit body must never get that far. */
const handled: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ BODY_LIMIT_BYTES: "2048" });
  app = new Elysia({ normalize: false })
    .use(pipeline(ctx, (request) => app.handle(request)))
    .post(
      "/things/:id",
      ({ body, params, request }) => {
        requestLog(request, ctx.log).info({ thing: params.id }, "handling thing");
        handled.push(params.id);
        return { id: params.id, name: body.name };
      },
      {
        body: t.Object(
          { name: t.String({ minLength: 1 }), tags: t.Optional(t.Array(t.String())) },
          { additionalProperties: false },
        ),
      },
    )
    .post("/ping", () => {
      handled.push("ping");
      return { pong: true };
    })
    .post(
      "/notes",
      ({ body }) => {
        handled.push(`notes:${body?.note?.slice(0, 4) ?? "-"}`);
        return { note: body?.note ?? null };
      },
      { body: t.Optional(t.Object({ note: t.String() })), beforeHandle: refuseUnparsedBody },
    )
    .post("/address", (c) => ({ ip: clientIp(c.request, c.server, false), size: c.body.size.length }), {
      body: t.Object({ size: t.String() }),
    })
    .get("/conflict", () => {
      throw new AppError("conflict", "Already taken", { field: "slug" });
    })
    .get("/boom", () => {
      throw new Error("secret internals");
    });
});
afterAll(() => ctx.dispose());

async function problem(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as Record<string, unknown>;
}

describe("request pipeline", () => {
  test("echoes a given X-Request-Id and puts it on every log line of the request", async () => {
    const response = await app.handle(
      jsonRequest("POST", "/things/7", { name: "a" }, { "x-request-id": "abc-123" }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("abc-123");
    await Bun.sleep(5);
    const lines = ctx.logLines.filter((l) => l.reqId === "abc-123");
    expect(lines.map((l) => l.msg)).toEqual(["handling thing", "request"]);
    expect(lines[1]).toMatchObject({ route: "/things/:id", status: 200, method: "POST" });
  });

  test("generates a request id when none or an unsafe one is given", async () => {
    const response = await app.handle(
      jsonRequest("POST", "/things/1", { name: "a" }, { "x-request-id": "bad id\n" }),
    );
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("answers an unknown route with a 404 problem", async () => {
    const response = await app.handle(jsonRequest("GET", "/nowhere"));
    expect(response.status).toBe(404);
    expect(await problem(response)).toMatchObject({
      code: "route_not_found",
      status: 404,
      instance: "/nowhere",
    });
  });

  test("answers malformed JSON with a 400 problem", async () => {
    const response = await app.handle(
      new Request("http://localhost/things/1", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"name": ',
      }),
    );
    expect(response.status).toBe(400);
    expect(await problem(response)).toMatchObject({ code: "malformed_json" });
  });

  test("answers malformed JSON on a route whose body is optional with a 400 problem, and the route never runs", async () => {
    const send = (body: string) =>
      app.handle(
        new Request("http://localhost/notes", {
          method: "POST",
          headers: { "content-type": "application/json; charset=utf-8" },
          body,
        }),
      );
    const before = handled.filter((h) => h.startsWith("notes")).length;
    const response = await send('{"note": "unfinished');
    expect(response.status).toBe(400);
    expect(await problem(response)).toMatchObject({ code: "malformed_json" });
    expect(handled.filter((h) => h.startsWith("notes")).length).toBe(before);
    // No body at all is still no body, and a good one is read.
    const none = await app.handle(new Request("http://localhost/notes", { method: "POST" }));
    expect(await none.json()).toEqual({ note: null });
    expect(await (await send('{"note":"ok"}')).json()).toEqual({ note: "ok" });
  });

  test("names the field path of a validation error", async () => {
    const response = await app.handle(jsonRequest("POST", "/things/1", { name: "a", tags: ["x", 5] }));
    expect(response.status).toBe(400);
    const body = await problem(response);
    expect(body.code).toBe("validation_failed");
    expect(JSON.stringify(body.errors)).toContain("/tags/1");
  });

  test("refuses unknown fields", async () => {
    const response = await app.handle(jsonRequest("POST", "/things/1", { name: "a", admin: true }));
    expect(response.status).toBe(400);
    expect(JSON.stringify((await problem(response)).errors)).toContain("/admin");
  });

  test("answers a declared body over the limit with a 413 problem", async () => {
    const body = JSON.stringify({ name: "x".repeat(4000) });
    const response = await app.handle(
      new Request("http://localhost/things/1", {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(body.length) },
        body,
      }),
    );
    expect(response.status).toBe(413);
    expect(await problem(response)).toMatchObject({ code: "payload_too_large", limit: 2048 });
  });

  describe("on the real server, a chunked body (no Content-Length)", () => {
    let server: { url: string; stop(): Promise<void> };
    beforeAll(() => {
      const listening = (app as Elysia).listen({
        hostname: "127.0.0.1",
        port: 0,
        maxRequestBodySize: BUN_BODY_CAP,
      });
      server = {
        url: `http://127.0.0.1:${listening.server?.port}`,
        async stop() {
          await listening.stop(true);
        },
      };
    });
    afterAll(() => server.stop());

    /** Sends `text` as a stream in 500-byte pieces, so fetch frames it with chunked encoding. */
    function sendChunked(path: string, text: string, headers: Record<string, string> = {}) {
      const bytes = new TextEncoder().encode(text);
      return fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        ...HALF_DUPLEX,
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < bytes.length; i += 500) controller.enqueue(bytes.slice(i, i + 500));
            controller.close();
          },
        }),
      });
    }

    test("over the limit gets the same 413 problem as a declared one, and the route never runs", async () => {
      const response = await sendChunked("/things/chunked-big", JSON.stringify({ name: "x".repeat(4000) }), {
        "x-request-id": "chunked-413",
      });
      expect(response.status).toBe(413);
      expect(response.headers.get("x-request-id")).toBe("chunked-413");
      expect(await problem(response)).toMatchObject({
        code: "payload_too_large",
        status: 413,
        limit: 2048,
        requestId: "chunked-413",
      });
      expect(handled).not.toContain("chunked-big");
    });

    test("of exactly the limit is accepted normally, one byte more is refused", async () => {
      const body = JSON.stringify({ name: "y".repeat(2048 - 11) });
      expect(body.length).toBe(2048);
      const response = await sendChunked("/things/chunked-ok", body);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ id: "chunked-ok", name: "y".repeat(2037) });
      const over = await sendChunked("/things/chunked-over", `${body} `);
      expect(over.status).toBe(413);
      expect(await problem(over)).toMatchObject({ code: "payload_too_large" });
      expect(handled).not.toContain("chunked-over");
    });

    test("over the limit is refused before a route that takes no body, or an optional one, runs", async () => {
      const big = JSON.stringify({ note: "z".repeat(4000) });
      for (const path of ["/ping", "/notes"]) {
        const response = await sendChunked(path, big);
        expect(response.status).toBe(413);
        expect(await problem(response)).toMatchObject({ code: "payload_too_large" });
      }
      expect(handled).not.toContain("ping");
      expect(handled).not.toContain("notes:zzzz");
      const small = await sendChunked("/notes", JSON.stringify({ note: "hi" }));
      expect(await small.json()).toEqual({ note: "hi" });
    });

    test("is counted once: refused before routing as unmatched, accepted under its route", async () => {
      const refused = ctx.metrics.http.count("POST", "unmatched", 413);
      const accepted = ctx.metrics.http.count("POST", "/things/:id", 200);
      await sendChunked("/things/m1", JSON.stringify({ name: "x".repeat(4000) }));
      await sendChunked("/things/m2", JSON.stringify({ name: "x" }));
      expect(ctx.metrics.http.count("POST", "unmatched", 413)).toBe(refused + 1);
      expect(ctx.metrics.http.count("POST", "/things/:id", 200)).toBe(accepted + 1);
      expect(ctx.metrics.http.count("POST", "/things/m1", 413)).toBe(0);
    });

    test("keeps the caller's address for rate limits and audit entries", async () => {
      const response = await sendChunked("/address", JSON.stringify({ size: "small" }));
      expect(await response.json()).toEqual({ ip: "127.0.0.1", size: 5 });
    });

    test("with malformed JSON under the limit is still a 400 problem", async () => {
      const response = await sendChunked("/things/1", '{"name": ');
      expect(response.status).toBe(400);
      expect(await problem(response)).toMatchObject({ code: "malformed_json" });
    });
  });

  test("turns an AppError into its status with code and details", async () => {
    const response = await app.handle(jsonRequest("GET", "/conflict"));
    expect(response.status).toBe(409);
    expect(await problem(response)).toMatchObject({
      code: "conflict",
      detail: "Already taken",
      field: "slug",
    });
  });

  test("hides internals of an unexpected error behind a 500 problem and logs it", async () => {
    const response = await app.handle(jsonRequest("GET", "/boom", undefined, { "x-request-id": "boom-1" }));
    expect(response.status).toBe(500);
    const body = await problem(response);
    expect(body.code).toBe("internal");
    expect(JSON.stringify(body)).not.toContain("secret internals");
    await Bun.sleep(5);
    expect(ctx.logLines.some((l) => l.reqId === "boom-1" && l.level === 50)).toBe(true);
  });

  test("counts requests by route template and status in the metrics, each once", async () => {
    const things = ctx.metrics.http.count("POST", "/things/:id", 200);
    const conflicts = ctx.metrics.http.count("GET", "/conflict", 409);
    await app.handle(jsonRequest("POST", "/things/99", { name: "m" }));
    await app.handle(jsonRequest("GET", "/conflict"));
    expect(ctx.metrics.http.count("POST", "/things/:id", 200)).toBe(things + 1);
    expect(ctx.metrics.http.count("GET", "/conflict", 409)).toBe(conflicts + 1);
    await app.handle(jsonRequest("GET", "/conflict"));
    await Bun.sleep(5);
    const text = await ctx.metrics.registry.metrics();
    expect(text).toMatch(/http_requests_total\{[^}]*route="\/conflict"[^}]*status="409"/);
    expect(text).toMatch(/http_requests_total\{[^}]*route="\/things\/:id"[^}]*status="200"/);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/things\/:id"/);
  });
});
