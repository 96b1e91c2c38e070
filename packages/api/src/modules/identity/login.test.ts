import { afterEach, describe, expect, test } from "bun:test";
import { type Answer, createIdentityKit, DEVICE, type IdentityKit, PASSWORD } from "./testing.ts";

let kit: IdentityKit;
afterEach(() => kit.dispose());

function attempt(email: string, password: string, store: string, ip = "203.0.113.9"): Promise<Answer> {
  return kit.call("POST", "/v1/auth/login", { body: { email, password, device: DEVICE }, store, ip });
}

/** What a client can see of an answer, minus the per-request id. */
function visible(answer: Answer) {
  const { requestId: _requestId, ...body } = answer.body ?? {};
  return { status: answer.status, body, retryAfter: answer.headers.get("retry-after") !== null };
}

describe("login", () => {
  test("a wrong password and an unknown account get the same answer", async () => {
    kit = await createIdentityKit();
    const store = await kit.store();
    const viewer = await kit.member(store, "viewer");
    const wrong = await attempt(viewer.email, "not the password", store.slug);
    const unknown = await attempt("nobody@example.com", "not the password", store.slug);
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe("invalid_credentials");
    expect(visible(unknown)).toEqual(visible(wrong));
  });

  test("a platform admin at a store's login learns where to sign in, only with the right password", async () => {
    kit = await createIdentityKit();
    const store = await kit.store();
    const admin = await kit.admin();
    const right = await attempt(admin.email, PASSWORD, store.slug);
    expect(right.status).toBe(403);
    expect(right.body.code).toBe("platform_account");
    expect(right.body.detail).toContain("/admin");
    expect(right.body.accessToken).toBeUndefined();
    // A wrong password looks like any wrong password: nothing tells the account is an admin.
    const wrong = await attempt(admin.email, "not the password", store.slug);
    const unknown = await attempt("nobody@example.com", "not the password", store.slug);
    expect(wrong.body.code).toBe("invalid_credentials");
    expect(visible(wrong)).toEqual(visible(unknown));
    // Without a store the admin signs in as before.
    expect(
      (
        await kit.call("POST", "/v1/auth/login", {
          body: { email: admin.email, password: PASSWORD, device: DEVICE },
        })
      ).status,
    ).toBe(200);
  });

  test("guessing a platform admin's password at stores counts against the admin account", async () => {
    kit = await createIdentityKit({ LOGIN_FREE_FAILURES: "2" });
    const admin = await kit.admin();
    const stores = [await kit.store(), await kit.store(), await kit.store()];
    // Each store's own lock-out key is fresh, but the admin's platform key is shared.
    for (const [i, store] of stores.entries())
      await attempt(admin.email, "guess", store.slug, `203.0.113.${20 + i}`);
    const locked = await kit.call("POST", "/v1/auth/login", {
      body: { email: admin.email, password: PASSWORD, device: DEVICE },
      ip: "203.0.113.30",
    });
    expect(locked.status).toBe(429);
  });

  test("locks an account out after repeated failures, even for the right password", async () => {
    kit = await createIdentityKit({ LOGIN_FREE_FAILURES: "3" });
    const store = await kit.store();
    const viewer = await kit.member(store, "viewer");
    for (let i = 0; i < 4; i++) expect((await attempt(viewer.email, "guess", store.slug)).status).toBe(401);
    const locked = await attempt(viewer.email, PASSWORD, store.slug);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe("rate_limited");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Another account at the same address is not affected.
    const other = await kit.member(store, "viewer");
    expect((await attempt(other.email, PASSWORD, store.slug)).status).toBe(200);
  });

  test("unknown accounts go through the same lock-out sequence as real ones", async () => {
    kit = await createIdentityKit({ LOGIN_FREE_FAILURES: "2" });
    const store = await kit.store();
    const viewer = await kit.member(store, "viewer");
    const real: ReturnType<typeof visible>[] = [];
    const ghost: ReturnType<typeof visible>[] = [];
    for (let i = 0; i < 5; i++) {
      real.push(visible(await attempt(viewer.email, "guess", store.slug, "203.0.113.10")));
      ghost.push(visible(await attempt("ghost@example.com", "guess", store.slug, "203.0.113.11")));
    }
    expect(ghost).toEqual(real);
    expect(real.map((r) => r.status)).toEqual([401, 401, 401, 429, 429]);
  });

  test("locks out an address that fails across many accounts", async () => {
    kit = await createIdentityKit({ LOGIN_IP_FREE_FAILURES: "3" });
    const store = await kit.store();
    const viewer = await kit.member(store, "viewer");
    for (let i = 0; i < 4; i++) await attempt(`spray-${i}@example.com`, "guess", store.slug, "192.0.2.50");
    expect((await attempt(viewer.email, PASSWORD, store.slug, "192.0.2.50")).status).toBe(429);
    expect((await attempt(viewer.email, PASSWORD, store.slug, "192.0.2.51")).status).toBe(200);
  });

  test("a successful login ends the account's failure streak", async () => {
    kit = await createIdentityKit({ LOGIN_FREE_FAILURES: "2" });
    const store = await kit.store();
    const viewer = await kit.member(store, "viewer");
    await attempt(viewer.email, "guess", store.slug);
    await attempt(viewer.email, "guess", store.slug);
    expect((await attempt(viewer.email, PASSWORD, store.slug)).status).toBe(200);
    await attempt(viewer.email, "guess", store.slug);
    await attempt(viewer.email, "guess", store.slug);
    expect((await attempt(viewer.email, PASSWORD, store.slug)).status).toBe(200);
  });

  test("records failed and successful logins in the audit log", async () => {
    kit = await createIdentityKit();
    const store = await kit.store();
    const viewer = await kit.member(store, "viewer");
    await attempt(viewer.email, "guess", store.slug);
    const list = await kit.call("GET", "/v1/audit?action=auth.", { token: store.ownerToken });
    const actions = list.body.items.map((e: { action: string }) => e.action);
    expect(actions).toContain("auth.login_failed");
    expect(actions).toContain("auth.login");
  });

  test("the same e-mail at two stores is two accounts", async () => {
    kit = await createIdentityKit();
    const a = await kit.store();
    const b = await kit.store();
    const email = "shared@example.com";
    const created = await kit.call("POST", "/v1/auth/register", {
      body: { email, password: "password at store a", device: DEVICE },
      store: a.slug,
    });
    expect(created.status).toBe(201);
    const again = await kit.call("POST", "/v1/auth/register", {
      body: { email, password: "password at store b", device: DEVICE },
      store: b.slug,
    });
    expect(again.status).toBe(201);
    expect(again.body.user.id).not.toBe(created.body.user.id);
    expect((await attempt(email, "password at store b", a.slug)).status).toBe(401);
    expect((await attempt(email, "password at store b", b.slug)).status).toBe(200);
    // A taken e-mail answers like a new account (register.test.ts) and changes nothing.
    const taken = await kit.call("POST", "/v1/auth/register", {
      body: { email: "Shared@Example.com", password: "another password", device: DEVICE },
      store: a.slug,
    });
    expect(taken.status).toBe(201);
    expect((await attempt(email, "another password", a.slug)).status).toBe(401);
    expect((await attempt(email, "password at store a", a.slug)).status).toBe(200);
  });

  test("auth routes answer 429 with Retry-After past the per-address limit", async () => {
    kit = await createIdentityKit({ RATE_LIMIT_AUTH_PER_MIN: "3" });
    const store = await kit.store();
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push(await attempt("x@example.com", "guess", store.slug, "192.0.2.77"));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 429]);
    expect(answers[3]?.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(answers[3]?.headers.get("content-type")).toContain("application/problem+json");
    expect((await attempt("x@example.com", "guess", store.slug, "192.0.2.78")).status).toBe(401);
  });

  test("token refresh is not held to the strict login limit (a web app refreshes on every page load)", async () => {
    kit = await createIdentityKit({ RATE_LIMIT_AUTH_PER_MIN: "3" });
    const store = await kit.store();
    const viewer = await kit.member(store, "viewer");
    const ip = "192.0.2.90";
    const login = await attempt(viewer.email, PASSWORD, store.slug, ip);
    expect(login.status).toBe(200);
    let refreshToken = login.body.refreshToken as string;
    for (let i = 0; i < 6; i++) {
      const next = await kit.call("POST", "/v1/auth/refresh", {
        body: { refreshToken },
        store: store.slug,
        ip,
      });
      expect(next.status).toBe(200);
      refreshToken = next.body.refreshToken;
    }
    // Logins from that address still count against their own, strict limit.
    const logins = [];
    for (let i = 0; i < 3; i++) logins.push((await attempt(viewer.email, PASSWORD, store.slug, ip)).status);
    expect(logins).toEqual([200, 200, 429]);
  });

  test("an unknown account costs the same password-hash work as a wrong password", async () => {
    // A cost high enough that skipping the hash would show: several ms per verification.
    kit = await createIdentityKit({
      PASSWORD_MEMORY_KIB: "16384",
      PASSWORD_TIME_COST: "2",
      LOGIN_FREE_FAILURES: "100",
    });
    const store = await kit.store();
    const viewer = await kit.member(store, "viewer");
    const time = async (email: string) => {
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        await attempt(email, "guess", store.slug, `198.18.0.${i}`);
        samples.push(performance.now() - start);
      }
      return samples.sort((a, b) => a - b)[2] ?? 0;
    };
    await time("warm-up@example.com");
    const known = await time(viewer.email);
    const unknown = await time("nobody-here@example.com");
    expect(unknown / known).toBeGreaterThan(0.5);
    expect(unknown / known).toBeLessThan(2);
  });

  test("the general API answers 429 per caller past its own limit", async () => {
    kit = await createIdentityKit({ RATE_LIMIT_API_PER_MIN: "3" });
    const store = await kit.store();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await kit.call("GET", "/v1/auth/me", { token: store.ownerToken })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const viewer = await kit.member(store, "viewer");
    expect((await kit.call("GET", "/v1/auth/me", { token: viewer.token })).status).toBe(200);
  });
});
