import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createIdentityKit, DEVICE, type IdentityKit, PASSWORD } from "./testing.ts";

let kit: IdentityKit;
let store: { id: string; slug: string; ownerToken: string };

beforeAll(async () => {
  kit = await createIdentityKit({ WEB_URL: "https://tv.example.test/" });
  store = await kit.store();
});
afterAll(() => kit.dispose());

function tokenIn(mail: string, label: string): string {
  const match = mail.match(new RegExp(`${label}: (nw[a-z]_[A-Za-z0-9_-]+)`));
  if (!match?.[1]) throw new Error(`no ${label} in mail`);
  return match[1];
}

const register = (email: string, storeSlug = store.slug) =>
  kit.call("POST", "/v1/auth/register", {
    body: { email, password: PASSWORD, device: DEVICE },
    store: storeSlug,
  });

describe("registration and e-mail verification", () => {
  test("a viewer registers at the resolved store and confirms the address from the mail", async () => {
    const answer = await register("new@example.com");
    expect(answer.status).toBe(201);
    expect(answer.body.user).toMatchObject({ role: "viewer", storeId: store.id, emailVerified: false });
    const mail = await kit.lastMail("new@example.com");
    expect(mail).toContain("Subject: Confirm your e-mail address");
    const token = tokenIn(mail, "Verification token");
    expect(mail).toContain(
      `https://tv.example.test/verify-email?store=${store.slug}&token=${encodeURIComponent(token)}`,
    );

    expect((await kit.call("POST", "/v1/auth/verify-email/confirm", { body: { token } })).status).toBe(204);
    const me = await kit.call("GET", "/v1/auth/me", { token: answer.body.accessToken });
    expect(me.body.emailVerified).toBe(true);
    const reused = await kit.call("POST", "/v1/auth/verify-email/confirm", { body: { token } });
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe("token_invalid");
  });

  test("registration needs a store and honours its allowSignup setting", async () => {
    expect(
      (
        await kit.call("POST", "/v1/auth/register", {
          body: { email: "a@example.com", password: PASSWORD, device: DEVICE },
        })
      ).body.code,
    ).toBe("store_not_resolved");
    const closed = await kit.store();
    await kit.call("PATCH", `/v1/stores/${closed.id}`, {
      token: closed.ownerToken,
      body: { settings: { allowSignup: false } },
    });
    const refused = await register("b@example.com", closed.slug);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("signup_disabled");
  });

  test("a short password is refused", async () => {
    const answer = await kit.call("POST", "/v1/auth/register", {
      body: { email: "short@example.com", password: "short", device: DEVICE },
      store: store.slug,
    });
    expect(answer.status).toBe(400);
  });
});

describe("password reset", () => {
  test("a reset token sets a new password once and ends every session", async () => {
    const viewer = await kit.member(store, "viewer");
    const request = await kit.call("POST", "/v1/auth/password-reset/request", {
      body: { email: viewer.email },
      store: store.slug,
    });
    expect(request.status).toBe(202);
    const mail = await kit.lastMail(viewer.email);
    const token = tokenIn(mail, "Reset token");
    // The link opens the web app's reset page, on the store's branding.
    const link = mail.match(/https?:\/\/\S+/)?.[0] ?? "";
    expect(link).toBe(
      `https://tv.example.test/reset-password?store=${store.slug}&token=${encodeURIComponent(token)}`,
    );

    const newPassword = "a brand new password";
    const confirm = await kit.call("POST", "/v1/auth/password-reset/confirm", {
      body: { token, newPassword },
    });
    expect(confirm.status).toBe(204);
    expect((await kit.call("GET", "/v1/auth/me", { token: viewer.token })).status).toBe(401);
    expect((await kit.login(viewer.email, newPassword, store.slug)).user.emailVerified).toBe(true);
    const again = await kit.call("POST", "/v1/auth/password-reset/confirm", {
      body: { token, newPassword: "yet another password" },
    });
    expect(again.status).toBe(401);
  });

  test("answers the same for an unknown address and sends nothing", async () => {
    const known = await kit.member(store, "viewer");
    const a = await kit.call("POST", "/v1/auth/password-reset/request", {
      body: { email: known.email },
      store: store.slug,
    });
    const b = await kit.call("POST", "/v1/auth/password-reset/request", {
      body: { email: "ghost@example.com" },
      store: store.slug,
    });
    expect(b.status).toBe(a.status);
    expect(b.body).toEqual(a.body);
    await expect(kit.lastMail("ghost@example.com")).rejects.toThrow();
  });

  test("a verification token does not reset a password", async () => {
    await register("mixed@example.com");
    const token = tokenIn(await kit.lastMail("mixed@example.com"), "Verification token");
    const answer = await kit.call("POST", "/v1/auth/password-reset/confirm", {
      body: { token, newPassword: "whatever password" },
    });
    expect(answer.status).toBe(401);
  });
});

describe("password change", () => {
  test("needs the current password and ends the account's other sessions", async () => {
    const viewer = await kit.member(store, "viewer");
    const here = await kit.login(viewer.email, PASSWORD, store.slug);
    const wrong = await kit.call("POST", "/v1/auth/password", {
      token: here.accessToken,
      body: { currentPassword: "not it at all", newPassword: "the next password" },
    });
    expect(wrong.status).toBe(401);
    const changed = await kit.call("POST", "/v1/auth/password", {
      token: here.accessToken,
      body: { currentPassword: PASSWORD, newPassword: "the next password" },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.revokedSessions).toBe(1);
    expect((await kit.call("GET", "/v1/auth/me", { token: here.accessToken })).status).toBe(200);
    expect((await kit.call("GET", "/v1/auth/me", { token: viewer.token })).status).toBe(401);
    const log = await kit.call("GET", "/v1/audit?action=auth.password_change", { token: store.ownerToken });
    expect(log.body.items.some((e: { targetId: string }) => e.targetId === viewer.id)).toBe(true);
  });
});
