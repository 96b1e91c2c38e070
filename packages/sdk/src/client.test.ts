import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type ServedApi, startServedApi } from "../scripts/_served-api.ts";
import { ApiProblem, isApiProblem } from "./api-problem.ts";
import { createClient } from "./client.ts";

const JWT_SECRET = "sdk-test-secret-0123456789abcdef0123456789abcdef";
let api: ServedApi;

beforeAll(async () => {
  api = await startServedApi({ env: { JWT_SECRET, ALLOW_STORE_SIGNUP: "true" } });
}, 60_000);

afterAll(async () => {
  await api?.stop();
});

describe("createClient against the real API", () => {
  test("reads liveness with a typed body", async () => {
    const client = createClient({ baseUrl: api.url });
    const body = await client.GET("/health/live");
    expect(body.status).toBe("ok");
  });

  test("the API serves an OpenAPI 3.1 document with the routes the SDK wraps", async () => {
    const served = (await (await fetch(`${api.url}/openapi/json`)).json()) as {
      openapi: string;
      paths: object;
    };
    expect(served.openapi).toStartWith("3.1");
    expect(Object.keys(served.paths)).toContain("/v1/auth/refresh");
  });

  test("throws an ApiProblem with the problem code when the X-Store names no store", async () => {
    const client = createClient({ baseUrl: api.url, store: "no-such-store" });
    const error = await client.GET("/v1/public/plans").catch((e: unknown) => e);
    expect(isApiProblem(error, "store_not_resolved")).toBe(true);
    expect((error as ApiProblem).status).toBe(404);
  });

  test("throws an ApiProblem with code unauthorized for a viewer route without a token", async () => {
    const client = createClient({ baseUrl: api.url });
    const error = await client.GET("/v1/me/profiles").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(401);
  });

  test("turns an unreachable API into a network_error problem", async () => {
    const client = createClient({ baseUrl: "http://127.0.0.1:9" });
    const error = await client.GET("/health/live").catch((e: unknown) => e);
    expect(isApiProblem(error, "network_error")).toBe(true);
  });
});

const device = { name: "SDK test", kind: "web" } as const;

/** Re-signs a real access token with its `exp` in the past (the test owns the API's secret). */
async function expire(token: string): Promise<string> {
  const [header, payload] = token.split(".") as [string, string];
  const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
  const b64 = (text: string) => btoa(text).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  const body = `${header}.${b64(JSON.stringify({ ...claims, iat: claims.iat - 3600, exp: claims.iat - 60 }))}`;
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(JWT_SECRET),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)));
  return `${body}.${b64(String.fromCharCode(...signature))}`;
}

describe("sessions against the real API", () => {
  const slug = `sdk-${Date.now().toString(36)}`;
  const viewer = { email: `viewer@${slug}.test`, password: "blue-harbour-lantern-7" };

  beforeAll(async () => {
    const response = await fetch(`${api.url}/v1/stores/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: "SDK test store",
        slug,
        owner: { email: `owner@${slug}.test`, password: "owner-password-1234" },
        device,
      }),
    });
    expect(response.status).toBeLessThan(300);
  });

  test("registers a viewer at the store named by X-Store and reads the account", async () => {
    const client = createClient({ baseUrl: api.url, store: slug });
    const session = await client.POST("/v1/auth/register", { body: { ...viewer, device } });
    expect(session.user.role).toBe("viewer");
    await client.remember(session);
    const me = await client.GET("/v1/auth/me");
    expect(me.email).toBe(viewer.email);
    expect(me.role).toBe("viewer");
  });

  test("a wrong password is an ApiProblem with code invalid_credentials", async () => {
    const client = createClient({ baseUrl: api.url, store: slug });
    const error = await client
      .POST("/v1/auth/login", { body: { ...viewer, password: "wrong-password-123", device } })
      .catch((e: unknown) => e);
    expect(isApiProblem(error, "invalid_credentials")).toBe(true);
  });

  test("refreshes an expired access token with the refresh token and keeps the new pair", async () => {
    const client = createClient({ baseUrl: api.url, store: slug });
    const tokens = await client.POST("/v1/auth/login", { body: { ...viewer, device } });
    await client.remember({
      accessToken: await expire(tokens.accessToken),
      refreshToken: tokens.refreshToken,
    });
    const me = await client.GET("/v1/auth/me");
    expect(me.email).toBe(viewer.email);
    const after = await client.tokens.get();
    expect(after?.refreshToken).not.toBe(tokens.refreshToken);
    // The old refresh token was spent: reusing it is refused.
    const reuse = await fetch(`${api.url}/v1/auth/refresh`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-store": slug },
      body: JSON.stringify({ refreshToken: tokens.refreshToken }),
    });
    expect(reuse.status).toBe(401);
  });
});

test('with refreshTokenIn "cookie", remember() keeps the access token only', async () => {
  const client = createClient({ baseUrl: "http://web.local/api", refreshTokenIn: "cookie" });
  await client.remember({ accessToken: "a.b.c", refreshToken: "nwr_should-not-be-kept" });
  expect(await client.tokens.get()).toEqual({ accessToken: "a.b.c", refreshToken: null });
});
