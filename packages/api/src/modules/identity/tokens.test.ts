import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createIdentityKit, DEVICE, type IdentityKit, PASSWORD } from "./testing.ts";
import { createTokenSigner } from "./tokens.ts";

let kit: IdentityKit;
let viewer: { email: string; token: string };
let store: { id: string; slug: string };

beforeAll(async () => {
  kit = await createIdentityKit();
  store = await kit.store();
  viewer = await kit.member(store, "viewer");
});
afterAll(() => kit.dispose());

const me = (token: string) => kit.call("GET", "/v1/auth/me", { token });

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

describe("access tokens", () => {
  test("a fresh access token identifies its account", async () => {
    const answer = await me(viewer.token);
    expect(answer.status).toBe(200);
    expect(answer.body.email).toBe(viewer.email);
    expect(answer.body.role).toBe("viewer");
    expect(answer.body.passwordHash).toBeUndefined();
  });

  test("rejects a token whose payload was tampered with", async () => {
    const [header, payload, signature] = viewer.token.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
    const forged = `${header}.${b64url({ ...claims, role: "platform_admin", sto: null })}.${signature}`;
    const answer = await me(forged);
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe("unauthorized");
  });

  test("rejects an expired token", async () => {
    const signer = createTokenSigner(kit.ctx.config);
    const claims = await signer.verify(viewer.token);
    if (!claims) throw new Error("the viewer token should verify");
    const expired = await signer.sign(claims, { expiresAtSec: Math.floor(Date.now() / 1000) - 60 });
    const answer = await me(expired);
    expect(answer.status).toBe(401);
    // Clients switch on this code to refresh rather than sign the user out.
    expect(answer.body.code).toBe("token_expired");
  });

  test("rejects a token issued for another audience", async () => {
    const claims = JSON.parse(Buffer.from(viewer.token.split(".")[1] ?? "", "base64url").toString());
    const key = new TextEncoder().encode(kit.ctx.config.JWT_SECRET);
    const header = b64url({ alg: "HS256", typ: "JWT" });
    const body = b64url({ ...claims, aud: "another-api" });
    const signature = Buffer.from(
      await crypto.subtle.sign(
        "HMAC",
        await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]),
        new TextEncoder().encode(`${header}.${body}`),
      ),
    ).toString("base64url");
    expect((await me(`${header}.${body}.${signature}`)).status).toBe(401);
  });

  test('rejects an unsigned token with alg "none"', async () => {
    const claims = JSON.parse(Buffer.from(viewer.token.split(".")[1] ?? "", "base64url").toString());
    const unsigned = `${b64url({ alg: "none", typ: "JWT" })}.${b64url(claims)}.`;
    expect((await me(unsigned)).status).toBe(401);
  });

  test("rejects an HS256 token signed with another secret", async () => {
    const other = createTokenSigner(kit.ctx.config, "a-completely-different-secret-of-enough-length");
    const claims = await createTokenSigner(kit.ctx.config).verify(viewer.token);
    if (!claims) throw new Error("the viewer token should verify");
    expect((await me(await other.sign(claims))).status).toBe(401);
  });
});

describe("refresh tokens", () => {
  test("rotate on use: the new token works and the old one is spent", async () => {
    const first = await kit.login(viewer.email, PASSWORD, store.slug);
    const second = await kit.call("POST", "/v1/auth/refresh", { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.sessionId).toBe(first.sessionId);
    expect((await me(second.body.accessToken)).status).toBe(200);
  });

  test("reusing a spent refresh token revokes the whole family", async () => {
    const first = await kit.login(viewer.email, PASSWORD, store.slug);
    const rotated = await kit.call("POST", "/v1/auth/refresh", {
      body: { refreshToken: first.refreshToken },
    });
    expect(rotated.status).toBe(200);

    const replay = await kit.call("POST", "/v1/auth/refresh", { body: { refreshToken: first.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe("token_invalid");

    // The legitimate holder's newer token and its access token die with the family.
    const next = await kit.call("POST", "/v1/auth/refresh", {
      body: { refreshToken: rotated.body.refreshToken },
    });
    expect(next.status).toBe(401);
    expect((await me(rotated.body.accessToken)).status).toBe(401);
    // Other devices of the same account are untouched.
    expect((await me(viewer.token)).status).toBe(200);
  });

  test("an unknown refresh token is refused without touching any session", async () => {
    const answer = await kit.call("POST", "/v1/auth/refresh", {
      body: { refreshToken: "nwr_not-a-real-token-at-all" },
    });
    expect(answer.status).toBe(401);
    expect((await me(viewer.token)).status).toBe(200);
  });
});

describe("sessions", () => {
  test("logout ends this device only", async () => {
    const a = await kit.login(viewer.email, PASSWORD, store.slug);
    const b = await kit.login(viewer.email, PASSWORD, store.slug);
    expect((await kit.call("POST", "/v1/auth/logout", { token: a.accessToken })).status).toBe(204);
    expect((await me(a.accessToken)).status).toBe(401);
    expect(
      (await kit.call("POST", "/v1/auth/refresh", { body: { refreshToken: a.refreshToken } })).status,
    ).toBe(401);
    expect((await me(b.accessToken)).status).toBe(200);
  });

  test("devices are listed and removing one revokes its refresh family", async () => {
    const tv = await kit.call("POST", "/v1/auth/login", {
      body: { email: viewer.email, password: PASSWORD, device: { name: "Living-room TV", kind: "tv" } },
      store: store.slug,
    });
    const phone = await kit.login(viewer.email, PASSWORD, store.slug);
    const list = await kit.call("GET", "/v1/auth/devices", { token: phone.accessToken });
    expect(list.status).toBe(200);
    const entry = list.body.find((d: { id: string }) => d.id === tv.body.sessionId);
    expect(entry.device).toEqual({ name: "Living-room TV", kind: "tv" });
    expect(list.body.find((d: { current: boolean }) => d.current).id).toBe(phone.sessionId);

    expect(
      (await kit.call("DELETE", `/v1/auth/devices/${tv.body.sessionId}`, { token: phone.accessToken }))
        .status,
    ).toBe(204);
    expect(
      (await kit.call("POST", "/v1/auth/refresh", { body: { refreshToken: tv.body.refreshToken } })).status,
    ).toBe(401);
    expect((await me(tv.body.accessToken)).status).toBe(401);
  });

  test("another account's device answers 404", async () => {
    const other = await kit.member(store, "viewer");
    const session = await kit.login(other.email, PASSWORD, store.slug);
    const answer = await kit.call("DELETE", `/v1/auth/devices/${session.sessionId}`, { token: viewer.token });
    expect(answer.status).toBe(404);
  });

  test("logout everywhere revokes every session of the account", async () => {
    const other = await kit.member(store, "viewer");
    const a = await kit.login(other.email, PASSWORD, store.slug);
    const answer = await kit.call("POST", "/v1/auth/logout-all", { token: a.accessToken });
    expect(answer.status).toBe(200);
    expect(answer.body.revokedSessions).toBeGreaterThanOrEqual(2);
    expect((await me(other.token)).status).toBe(401);
    expect((await me(a.accessToken)).status).toBe(401);
  });

  test("login asks for a device name and kind", async () => {
    const answer = await kit.call("POST", "/v1/auth/login", {
      body: { email: viewer.email, password: PASSWORD, device: { ...DEVICE, kind: "fridge" } },
      store: store.slug,
    });
    expect(answer.status).toBe(400);
  });
});

describe("claims a token cannot raise", () => {
  // Signed with the real secret, as anyone holding a leaked JWT_SECRET could.
  const resign = async (token: string, change: Record<string, unknown>) => {
    const signer = createTokenSigner(kit.ctx.config);
    const claims = await signer.verify(token);
    if (!claims) throw new Error("the token should verify");
    return signer.sign({ ...claims, ...change } as never);
  };

  test("a viewer's session re-signed as platform_admin is still the viewer", async () => {
    const forged = await resign(viewer.token, { role: "platform_admin" });
    const stores = await kit.call("GET", "/v1/stores", { token: forged });
    expect(stores.status).toBe(403);
    expect(stores.body.code).toBe("forbidden");
    expect((await me(forged)).body.role).toBe("viewer");
    // Without a store, as a real admin's token would be: refused outright.
    const storeless = await resign(viewer.token, { role: "platform_admin", sto: null });
    expect((await kit.call("GET", "/v1/stores", { token: storeless })).status).toBe(401);
  });

  test("staff re-signed with more permissions or as the owner get none of it", async () => {
    const staff = await kit.member(store, "store_staff", ["catalog.read"]);
    for (const change of [{ perms: ["users.read"] }, { role: "store_owner" }]) {
      const forged = await resign(staff.token, change);
      const users = await kit.call("GET", "/v1/users", { token: forged, store: store.slug });
      expect({ change, status: users.status }).toEqual({ change, status: 403 });
    }
  });

  test("a token naming another account or store for the session is refused", async () => {
    const other = await kit.member(store, "viewer");
    const otherStore = await kit.store();
    expect((await me(await resign(viewer.token, { sub: other.id }))).status).toBe(401);
    expect((await me(await resign(viewer.token, { sto: otherStore.id }))).status).toBe(401);
  });
});

describe("a credential at another store's address", () => {
  test("/v1/auth/me and /v1/auth/refresh refuse it as other routes do, without spending the token", async () => {
    const elsewhere = await kit.store();
    const session = await kit.login(viewer.email, PASSWORD, store.slug);
    const mine = await kit.call("GET", "/v1/me/profiles", {
      token: session.accessToken,
      store: elsewhere.slug,
    });
    expect(mine.status).toBe(401);
    const foreignMe = await kit.call("GET", "/v1/auth/me", {
      token: session.accessToken,
      store: elsewhere.slug,
    });
    expect({ status: foreignMe.status, code: foreignMe.body.code }).toEqual({
      status: mine.status,
      code: mine.body.code,
    });
    const foreignRefresh = await kit.call("POST", "/v1/auth/refresh", {
      body: { refreshToken: session.refreshToken },
      store: elsewhere.slug,
    });
    expect({ status: foreignRefresh.status, code: foreignRefresh.body.code }).toEqual({
      status: mine.status,
      code: mine.body.code,
    });
    // At its own store (or with none named) the same token still works.
    expect((await me(session.accessToken)).status).toBe(200);
    const home = await kit.call("POST", "/v1/auth/refresh", {
      body: { refreshToken: session.refreshToken },
      store: store.slug,
    });
    expect(home.status).toBe(200);
  });

  test("a platform admin's session works at any store", async () => {
    const admin = await kit.admin();
    expect((await kit.call("GET", "/v1/auth/me", { token: admin.token, store: store.slug })).status).toBe(
      200,
    );
  });
});
