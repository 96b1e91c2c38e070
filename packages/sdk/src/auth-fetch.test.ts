import { describe, expect, test } from "bun:test";
import { createAuthFetch, isPastExpiry } from "./auth-fetch.ts";
import { memoryTokenStore } from "./token-store.ts";

const expired = () =>
  new Response(
    JSON.stringify({ code: "token_expired", status: 401, title: "Token expired", detail: "x", type: "t" }),
    {
      status: 401,
      headers: { "content-type": "application/problem+json" },
    },
  );

/** A fake API: `/data` needs the bearer `fresh-N`; `/v1/auth/refresh` rotates. */
function fakeApi() {
  const seen: { url: string; auth: string | null; store: string | null; body: string }[] = [];
  let generation = 0;
  const fetch = async (request: Request) => {
    const body = await request.text();
    seen.push({
      url: new URL(request.url).pathname,
      auth: request.headers.get("authorization"),
      store: request.headers.get("x-store"),
      body,
    });
    if (request.url.endsWith("/v1/auth/refresh")) {
      const { refreshToken } = JSON.parse(body) as { refreshToken: string };
      if (refreshToken !== `refresh-${generation}`) return new Response("{}", { status: 401 });
      generation++;
      return Response.json({ accessToken: `fresh-${generation}`, refreshToken: `refresh-${generation}` });
    }
    if (request.headers.get("authorization") !== `Bearer fresh-${generation}`) return expired();
    return Response.json({ ok: true, echo: body });
  };
  return { fetch, seen };
}

describe("createAuthFetch", () => {
  test("sends X-Store and the bearer token", async () => {
    const api = fakeApi();
    const tokens = memoryTokenStore({ accessToken: "fresh-0", refreshToken: "refresh-0" });
    const f = createAuthFetch({ baseUrl: "http://api", fetch: api.fetch, store: "demo", tokens });
    const response = await f(new Request("http://api/data"));
    expect(response.status).toBe(200);
    expect(api.seen[0]).toMatchObject({ auth: "Bearer fresh-0", store: "demo" });
  });

  test("refreshes once on token_expired and retries the request with its body", async () => {
    const api = fakeApi();
    const tokens = memoryTokenStore({ accessToken: "stale", refreshToken: "refresh-0" });
    const f = createAuthFetch({ baseUrl: "http://api", fetch: api.fetch, tokens });
    const response = await f(new Request("http://api/data", { method: "POST", body: "payload" }));
    expect(await response.json()).toEqual({ ok: true, echo: "payload" });
    expect(api.seen.map((s) => s.url)).toEqual(["/data", "/v1/auth/refresh", "/data"]);
    expect(await tokens.get()).toEqual({ accessToken: "fresh-1", refreshToken: "refresh-1" });
  });

  test("concurrent expired requests share one refresh (refresh tokens are single use)", async () => {
    const api = fakeApi();
    const tokens = memoryTokenStore({ accessToken: "stale", refreshToken: "refresh-0" });
    const f = createAuthFetch({ baseUrl: "http://api", fetch: api.fetch, tokens });
    const answers = await Promise.all([1, 2, 3].map(() => f(new Request("http://api/data"))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(api.seen.filter((s) => s.url === "/v1/auth/refresh")).toHaveLength(1);
  });

  test("forgets the tokens and returns the 401 when the refresh token is refused", async () => {
    const api = fakeApi();
    const tokens = memoryTokenStore({ accessToken: "stale", refreshToken: "revoked" });
    const f = createAuthFetch({ baseUrl: "http://api", fetch: api.fetch, tokens });
    const response = await f(new Request("http://api/data"));
    expect(response.status).toBe(401);
    expect(await tokens.get()).toBeNull();
  });

  test("does not refresh on other 401 codes", async () => {
    const calls: string[] = [];
    const tokens = memoryTokenStore({ accessToken: "a", refreshToken: "r" });
    const f = createAuthFetch({
      baseUrl: "http://api",
      tokens,
      fetch: async (request) => {
        calls.push(new URL(request.url).pathname);
        return Response.json({ code: "invalid_credentials" }, { status: 401 });
      },
    });
    expect((await f(new Request("http://api/v1/auth/login", { method: "POST" }))).status).toBe(401);
    expect(calls).toEqual(["/v1/auth/login"]);
  });
});

describe("isPastExpiry", () => {
  const jwt = (claims: object) => `h.${btoa(JSON.stringify(claims)).replace(/=+$/, "")}.s`;
  test("reads exp from the payload", () => {
    expect(isPastExpiry(jwt({ exp: 100 }), 200)).toBe(true);
    expect(isPastExpiry(jwt({ exp: 1000 }), 200)).toBe(false);
  });
  test("treats opaque and malformed tokens as not expired", () => {
    expect(isPastExpiry("opaque")).toBe(false);
    expect(isPastExpiry("a.%%%.c")).toBe(false);
  });
});

test("refreshes before sending when the access token is already past its exp", async () => {
  const api = fakeApi();
  const expiredJwt = `h.${btoa(JSON.stringify({ exp: 1 }))}.s`;
  const tokens = memoryTokenStore({ accessToken: expiredJwt, refreshToken: "refresh-0" });
  const f = createAuthFetch({ baseUrl: "http://api", fetch: api.fetch, tokens });
  expect((await f(new Request("http://api/data"))).status).toBe(200);
  expect(api.seen.map((s) => s.url)).toEqual(["/v1/auth/refresh", "/data"]);
});

describe('refreshTokenIn: "cookie"', () => {
  /** A fake same-origin proxy: the refresh token lives in its "cookie", never in a body it returns. */
  function fakeProxy() {
    const refreshes: string[] = [];
    let cookie: string | null = "refresh-0";
    let generation = 0;
    const fetch = async (request: Request) => {
      if (request.url.endsWith("/v1/auth/refresh")) {
        refreshes.push(await request.text());
        if (cookie !== `refresh-${generation}`)
          return Response.json({ code: "token_invalid" }, { status: 401 });
        generation++;
        cookie = `refresh-${generation}`;
        return Response.json({ accessToken: `fresh-${generation}` });
      }
      if (request.headers.get("authorization") !== `Bearer fresh-${generation}`) return expired();
      return Response.json({ ok: true });
    };
    return {
      fetch,
      refreshes,
      dropCookie: () => {
        cookie = null;
      },
    };
  }

  /** The web app's client: refresh token in the proxy's cookie, never in the page. */
  const throughProxy = (proxy: ReturnType<typeof fakeProxy>, tokens: ReturnType<typeof memoryTokenStore>) =>
    createAuthFetch({ baseUrl: "http://web/api", fetch: proxy.fetch, tokens, refreshTokenIn: "cookie" });

  test("refresh() gets an access token with no token in the body and keeps none", async () => {
    const proxy = fakeProxy();
    const tokens = memoryTokenStore();
    const f = throughProxy(proxy, tokens);
    expect(await f.refresh()).toBe(true);
    expect(await tokens.get()).toEqual({ accessToken: "fresh-1", refreshToken: null });
    expect(proxy.refreshes).toEqual(["{}"]);
  });

  test("refreshes on token_expired without holding a refresh token", async () => {
    const proxy = fakeProxy();
    const tokens = memoryTokenStore({ accessToken: "stale", refreshToken: null });
    const f = throughProxy(proxy, tokens);
    expect((await f(new Request("http://web/api/data"))).status).toBe(200);
    expect(proxy.refreshes).toHaveLength(1);
  });

  test("an anonymous 401 does not call refresh", async () => {
    const proxy = fakeProxy();
    const f = throughProxy(proxy, memoryTokenStore());
    expect((await f(new Request("http://web/api/data"))).status).toBe(401);
    expect(proxy.refreshes).toHaveLength(0);
  });

  test("a refused refresh forgets the access token", async () => {
    const proxy = fakeProxy();
    proxy.dropCookie();
    const tokens = memoryTokenStore({ accessToken: "stale", refreshToken: null });
    const f = throughProxy(proxy, tokens);
    expect(await f.refresh()).toBe(false);
    expect(await tokens.get()).toBeNull();
  });
});

test("without a refresh token in the store, the default mode does not call refresh()", async () => {
  const api = fakeApi();
  const f = createAuthFetch({ baseUrl: "http://api", fetch: api.fetch, tokens: memoryTokenStore() });
  expect(await f.refresh()).toBe(false);
  expect(api.seen).toHaveLength(0);
});
