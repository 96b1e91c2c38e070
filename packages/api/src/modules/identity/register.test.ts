import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { hashPassword } from "../../auth/passwords.ts";
import { newId } from "../../db/mod.ts";
import { setPasswordHash } from "../users/service.ts";
import { createIdentityKit, DEVICE, type IdentityKit, type Json, PASSWORD } from "./testing.ts";

let kit: IdentityKit;
let store: { id: string; slug: string; ownerToken: string };

beforeAll(async () => {
  kit = await createIdentityKit({ WEB_URL: "https://tv.example.test" });
  store = await kit.store();
});
afterAll(() => kit.dispose());

const register = (email: string, password = PASSWORD, name?: string) =>
  kit.call("POST", "/v1/auth/register", {
    body: { email, password, device: DEVICE, ...(name ? { name } : {}) },
    store: store.slug,
  });

/** An answer with what differs between any two accounts (ids, times, tokens) blanked out. */
function shapeOf(body: Json): Json {
  return {
    ...body,
    accessToken: typeof body.accessToken,
    refreshToken: String(body.refreshToken).slice(0, 4),
    sessionId: typeof body.sessionId,
    user: { ...body.user, id: typeof body.user.id, createdAt: "t", updatedAt: "t", email: "e" },
  };
}

const headerNames = (headers: Headers) => [...headers.keys()].filter((h) => h !== "x-request-id").sort();

describe("registration with an e-mail that already has an account", () => {
  test("answers as a new account does: status, body shape and headers", async () => {
    const fresh = await register(`fresh-${newId()}@example.com`, PASSWORD, "Marta");
    const existing = await kit.member(store, "viewer");
    const taken = await register(existing.email, "a guess at a password", "Marta");
    expect(fresh.status).toBe(201);
    expect(taken.status).toBe(201);
    expect(shapeOf(taken.body)).toEqual(shapeOf(fresh.body));
    expect(taken.body.user.email).toBe(existing.email);
    expect(taken.body.user.id).not.toBe(existing.id);
    expect(headerNames(taken.headers)).toEqual(headerNames(fresh.headers));
    // Its session reads itself as a new, unverified account.
    const me = await kit.call("GET", "/v1/auth/me", { token: taken.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(taken.body.user);
  });

  test("mails the account's owner instead, and changes nothing about the account", async () => {
    const existing = await kit.member(store, "viewer");
    const taken = await register(existing.email.toUpperCase(), "a guess at a password");
    expect(taken.status).toBe(201);
    const mail = await kit.lastMail(existing.email);
    expect(mail).toContain("Subject: Someone tried to create an account with your e-mail");
    expect(mail).toContain(`https://tv.example.test/login?store=${store.slug}`);
    expect(mail).toContain(`https://tv.example.test/forgot-password?store=${store.slug}`);
    expect(mail).not.toContain("Verification token");
    expect((await kit.call("GET", "/v1/auth/me", { token: existing.token })).status).toBe(200);
    const wrong = await kit.call("POST", "/v1/auth/login", {
      body: { email: existing.email, password: "a guess at a password", device: DEVICE },
      store: store.slug,
    });
    expect(wrong.status).toBe(401);
    expect((await kit.login(existing.email, PASSWORD, store.slug)).user.id).toBe(existing.id);
    const log = await kit.call("GET", "/v1/audit?action=auth.register_taken", { token: store.ownerToken });
    expect(log.body.items.map((e: { targetId: string }) => e.targetId)).toContain(existing.id);
  });

  test("its session refreshes and ends itself, and is refused everywhere else", async () => {
    const existing = await kit.member(store, "viewer");
    const taken = await register(existing.email, "a guess at a password");
    const token = taken.body.accessToken;
    const refreshed = await kit.call("POST", "/v1/auth/refresh", {
      body: { refreshToken: taken.body.refreshToken },
      store: store.slug,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.user).toEqual(taken.body.user);
    const devices = await kit.call("GET", "/v1/auth/devices", { token });
    expect(devices.body).toHaveLength(1);
    for (const [method, path, body] of [
      ["GET", "/v1/me/profiles", undefined],
      ["GET", "/v1/me/trial", undefined],
      ["POST", "/v1/auth/password", { currentPassword: "a guess at a password", newPassword: "x".repeat(5) }],
    ] as const) {
      const refused = await kit.call(method, path, { token, ...(body ? { body } : {}) });
      expect({ path, status: refused.status, code: refused.body.code }).toEqual({
        path,
        status: 403,
        code: "email_unverified",
      });
    }
    // A viewer-only route stays closed to it, and a public one sees an anonymous caller.
    expect((await kit.call("GET", "/v1/stores", { token })).status).toBe(403);
    expect((await kit.call("POST", "/v1/auth/logout", { token })).status).toBe(204);
    expect((await kit.call("GET", "/v1/auth/me", { token })).status).toBe(401);
  });

  test("a weak password is refused alike for a new and a taken e-mail", async () => {
    const existing = await kit.member(store, "viewer");
    const fresh = await register(`weak-${newId()}@example.com`, "password12");
    const taken = await register(existing.email, "password12");
    expect(fresh.status).toBe(400);
    expect(fresh.body).toMatchObject({ code: "weak_password", rule: "common" });
    expect({ ...taken.body, requestId: null }).toEqual({ ...fresh.body, requestId: null });
  });

  test("the two answers take the same time (medians of 21 each within a quarter, same hashing work)", async () => {
    // A password cost high enough that skipping the hash would show: several ms per hash.
    const timed = await createIdentityKit({ PASSWORD_MEMORY_KIB: "16384", PASSWORD_TIME_COST: "2" });
    try {
      const shop = await timed.store();
      const samples = { fresh: [] as number[], taken: [] as number[] };
      const once = async (email: string) => {
        const start = performance.now();
        const answer = await timed.call("POST", "/v1/auth/register", {
          body: { email, password: PASSWORD, device: DEVICE },
          store: shop.slug,
        });
        if (answer.status !== 201) throw new Error(`register answered ${answer.status}`);
        return performance.now() - start;
      };
      const accounts: string[] = [];
      for (let i = 0; i < 21; i++) accounts.push((await timed.member(shop, "viewer")).email);
      await once(`warm-up-${newId()}@example.com`);
      // Interleaved, so drift in the machine's load falls on both alike.
      for (const email of accounts) {
        samples.fresh.push(await once(`new-${newId()}@example.com`));
        samples.taken.push(await once(email));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      const ratio = median(samples.taken) / median(samples.fresh);
      // Skipping the hash would put the ratio near 0.1; the band leaves room for a shared machine.
      expect(ratio).toBeGreaterThan(0.75);
      expect(ratio).toBeLessThan(1.33);
    } finally {
      await timed.dispose();
    }
  }, 30_000);
});

describe("password policy at registration, change and reset", () => {
  test("registration refuses each rule by name, and takes long Unicode passphrases", async () => {
    const email = `marta-${newId()}@example.com`;
    for (const [password, rule] of [
      ["1234567890", "common"],
      ["aaaaaaaaaa", "repetitive"],
      ["          ", "repetitive"],
      ["\0".repeat(10), "control_characters"],
      [email, "contains_email"],
      [`the ${store.slug} password`, "contains_store_name"],
    ] as const) {
      const answer = await register(email, password);
      expect({ password, status: answer.status, rule: answer.body.rule }).toEqual({
        password,
        status: 400,
        rule,
      });
      expect(answer.body.errors[0].path).toBe("/password");
    }
    const passphrase = `${"una frase de paso larga y tranquila ".repeat(3)}🌊`;
    expect(passphrase.length).toBeGreaterThan(64);
    expect((await register(email, passphrase)).status).toBe(201);
    expect((await kit.login(email, passphrase, store.slug)).user.email).toBe(email);
  });

  test("a password is the same secret in any Unicode normal form", async () => {
    const email = `nfkc-${newId()}@example.com`;
    const decomposed = "cafe\u0301 con leche por la man\u0303ana";
    expect((await register(email, decomposed)).status).toBe(201);
    expect((await kit.login(email, decomposed.normalize("NFC"), store.slug)).user.email).toBe(email);
  });

  test("a password change refuses a weak new password", async () => {
    const viewer = await kit.member(store, "viewer");
    const answer = await kit.call("POST", "/v1/auth/password", {
      token: viewer.token,
      body: { currentPassword: PASSWORD, newPassword: viewer.email },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "weak_password", rule: "contains_email" });
    expect(answer.body.errors[0].path).toBe("/newPassword");
    expect((await kit.login(viewer.email, PASSWORD, store.slug)).user.id).toBe(viewer.id);
  });

  test("a reset refuses a weak new password and leaves the link working", async () => {
    const viewer = await kit.member(store, "viewer");
    await kit.call("POST", "/v1/auth/password-reset/request", {
      body: { email: viewer.email },
      store: store.slug,
    });
    const token = (await kit.lastMail(viewer.email)).match(/Reset token: (nwp_[A-Za-z0-9_-]+)/)?.[1];
    const weak = await kit.call("POST", "/v1/auth/password-reset/confirm", {
      body: { token, newPassword: "qwertyuiop" },
    });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ code: "weak_password", rule: "common" });
    const good = await kit.call("POST", "/v1/auth/password-reset/confirm", {
      body: { token, newPassword: "seven quiet herons at dawn" },
    });
    expect(good.status).toBe(204);
  });

  test("an account whose hash predates normalisation still logs in with what it typed", async () => {
    // A hash of the raw, decomposed form, as every hash was before NFKC.
    const viewer = await kit.member(store, "viewer");
    const decomposed = "nin\u0303o con suen\u0303o profundo";
    await setPasswordHash(kit.ctx, viewer.id, await hashPassword(kit.ctx.config, decomposed));
    expect((await kit.login(viewer.email, decomposed, store.slug)).user.id).toBe(viewer.id);
  });
});
