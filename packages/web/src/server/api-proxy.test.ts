import { describe, expect, test } from "bun:test";
import { createApiProxy } from "./api-proxy.ts";

const session = (refreshToken: string) => ({
  accessToken: "eyJhbGciOiJIUzI1NiJ9.e30.sig",
  tokenType: "Bearer",
  expiresIn: 900,
  refreshToken,
  sessionId: "s1",
  user: { id: "u1", email: "ana@demo.test" },
});

/** A proxy in front of a fake API that answers `answer` and records what it was sent. */
function proxyTo(answer: () => Response) {
  const sent: { url: string; body: string; headers: Headers }[] = [];
  const proxy = createApiProxy({
    apiUrl: "http://api.internal",
    refreshCookieMaxAgeSec: 3600,
    fetch: async (url, init) => {
      const body =
        typeof init.body === "string"
          ? init.body
          : init.body instanceof ArrayBuffer
            ? new TextDecoder().decode(init.body)
            : "";
      sent.push({ url, body, headers: new Headers(init.headers) });
      return answer();
    },
  });
  return { proxy, sent };
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://web.local/api${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-store": "demo", ...headers },
    body: JSON.stringify(body),
  });

describe("the API proxy keeps the refresh token in an httpOnly cookie", () => {
  test("moves refreshToken from a login answer into an httpOnly cookie on the auth path", async () => {
    const { proxy } = proxyTo(() => Response.json(session("nwr_first")));
    const response = await proxy(post("/v1/auth/login", { email: "a", password: "b" }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.refreshToken).toBeUndefined();
    expect(body.accessToken).toBe(session("").accessToken);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toStartWith("nw_refresh_demo=nwr_first;");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/api/v1/auth");
    expect(cookie).toContain("Max-Age=3600");
    expect(cookie).not.toContain("Secure");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  test("marks the cookie Secure when the visitor came over https", async () => {
    const { proxy } = proxyTo(() => Response.json(session("nwr_first"), { status: 201 }));
    const response = await proxy(post("/v1/auth/register", {}, { "x-forwarded-proto": "https" }));
    expect(response.status).toBe(201);
    expect(response.headers.get("set-cookie")).toEndWith("; Secure");
  });

  test("a store signup's session goes into the new store's cookie", async () => {
    const { proxy } = proxyTo(() =>
      Response.json({ store: { id: "st1", slug: "acme" }, session: session("nwr_owner") }, { status: 201 }),
    );
    const response = await proxy(post("/v1/stores/signup", {}, { "x-store": "-" }));
    const body = (await response.json()) as { session: Record<string, unknown> };
    expect(body.session.refreshToken).toBeUndefined();
    expect(body.session.accessToken).toBeDefined();
    expect(response.headers.get("set-cookie")).toStartWith("nw_refresh_acme=nwr_owner;");
  });

  test("the platform's own session (X-Store: -) has its own cookie", async () => {
    const { proxy } = proxyTo(() => Response.json(session("nwr_admin")));
    const response = await proxy(post("/v1/auth/login", {}, { "x-store": "-" }));
    expect(response.headers.get("set-cookie")).toStartWith("nw_refresh=nwr_admin;");
  });

  test("a refresh call gets the cookie's token in its body, and the next token goes back into the cookie", async () => {
    const { proxy, sent } = proxyTo(() => Response.json(session("nwr_second")));
    const response = await proxy(
      post("/v1/auth/refresh", {}, { cookie: "nw_store=demo; nw_refresh_demo=nwr_first" }),
    );
    expect(sent[0]?.url).toBe("http://api.internal/v1/auth/refresh");
    expect(JSON.parse(sent[0]?.body ?? "")).toEqual({ refreshToken: "nwr_first" });
    expect(sent[0]?.headers.get("cookie")).toBeNull();
    expect(((await response.json()) as Record<string, unknown>).refreshToken).toBeUndefined();
    expect(response.headers.get("set-cookie")).toStartWith("nw_refresh_demo=nwr_second;");
  });

  test("a refresh call without a cookie or a token is refused without asking the API", async () => {
    const { proxy, sent } = proxyTo(() => Response.json(session("never")));
    const response = await proxy(post("/v1/auth/refresh", {}));
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe("token_invalid");
    expect(sent).toHaveLength(0);
  });

  test("a refresh call that names its own token keeps it (an older session moving into the cookie)", async () => {
    const { proxy, sent } = proxyTo(() => Response.json(session("nwr_next")));
    const response = await proxy(post("/v1/auth/refresh", { refreshToken: "nwr_from_storage" }));
    expect(JSON.parse(sent[0]?.body ?? "")).toEqual({ refreshToken: "nwr_from_storage" });
    expect(response.headers.get("set-cookie")).toStartWith("nw_refresh_demo=nwr_next;");
  });

  test("a refused refresh clears the cookie", async () => {
    const { proxy } = proxyTo(() =>
      Response.json(
        { code: "token_invalid", status: 401 },
        { status: 401, headers: { "content-type": "application/problem+json" } },
      ),
    );
    const response = await proxy(post("/v1/auth/refresh", {}, { cookie: "nw_refresh_demo=nwr_spent" }));
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie")).toStartWith("nw_refresh_demo=; Path=/api/v1/auth; Max-Age=0;");
  });

  test("a rate-limited refresh keeps the cookie", async () => {
    const { proxy } = proxyTo(() => Response.json({ code: "rate_limited", status: 429 }, { status: 429 }));
    const response = await proxy(post("/v1/auth/refresh", {}, { cookie: "nw_refresh_demo=nwr_first" }));
    expect(response.status).toBe(429);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  test("logout and logout-all clear the cookie and pass the access token on", async () => {
    for (const path of ["/v1/auth/logout", "/v1/auth/logout-all"]) {
      const { proxy, sent } = proxyTo(() => new Response(null, { status: 204 }));
      const response = await proxy(
        post(path, {}, { authorization: "Bearer access", cookie: "nw_refresh_demo=nwr_first" }),
      );
      expect(sent[0]?.headers.get("authorization")).toBe("Bearer access");
      const cookie = response.headers.get("set-cookie") ?? "";
      expect(cookie).toStartWith("nw_refresh_demo=;");
      expect(cookie).toContain("Max-Age=0");
      expect(cookie).toContain("HttpOnly");
    }
  });

  test("other answers pass through untouched, streamed", async () => {
    const { proxy } = proxyTo(() => Response.json({ items: [], refreshToken: "not-a-session-path" }));
    const response = await proxy(
      new Request("http://web.local/api/v1/public/plans", { headers: { "x-store": "demo" } }),
    );
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(((await response.json()) as Record<string, unknown>).items).toEqual([]);
  });

  test("an unreachable API is a 503 problem", async () => {
    const proxy = createApiProxy({
      apiUrl: "http://api.internal",
      refreshCookieMaxAgeSec: 60,
      fetch: () => Promise.reject(new Error("refused")),
    });
    const response = await proxy(new Request("http://web.local/api/v1/public/store"));
    expect(response.status).toBe(503);
    expect(((await response.json()) as { code: string }).code).toBe("unavailable");
  });
});
