import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { purgeExpired } from "./cleanup.ts";
import { createIdentityKit, type IdentityKit, PASSWORD } from "./testing.ts";

let kit: IdentityKit;
beforeAll(async () => {
  kit = await createIdentityKit();
});
afterAll(() => kit.dispose());

describe("identity cleanup", () => {
  test("deletes expired tokens and long-ended sessions, and keeps live ones", async () => {
    const store = await kit.store();
    const viewer = await kit.member(store, "viewer");
    const session = await kit.login(viewer.email, PASSWORD, store.slug);
    await kit.call("POST", "/v1/auth/logout-all", { token: session.accessToken });

    const now = await purgeExpired(kit.ctx);
    expect(now).toEqual({ refreshTokens: 0, emailTokens: 0, sessions: 0 });

    const later = await purgeExpired(kit.ctx, new Date(Date.now() + 365 * 24 * 3_600_000));
    expect(later.refreshTokens).toBeGreaterThan(0);
    expect(later.sessions).toBeGreaterThan(0);
    expect(
      (await kit.call("POST", "/v1/auth/refresh", { body: { refreshToken: session.refreshToken } })).status,
    ).toBe(401);
  });
});
