import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Server } from "bun";
import { createIdentityKit, type IdentityKit } from "../identity/testing.ts";
import { normalizeDomain } from "./domains.ts";

/** What the local "customer web server" serves at the verification path, per Host header. */
const served = new Map<string, string>();
const seenHosts: string[] = [];
let server: Server<unknown>;
let kit: IdentityKit;
let store: { id: string; slug: string; ownerToken: string };

beforeAll(async () => {
  server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(request) {
      const host = request.headers.get("host") ?? "";
      seenHosts.push(host);
      if (new URL(request.url).pathname !== "/.well-known/nevewatch-verify")
        return new Response("nope", { status: 404 });
      if (host === "slow.example.net") await Bun.sleep(1000);
      const body = served.get(host);
      return body === undefined ? new Response("missing", { status: 404 }) : new Response(`${body}\n`);
    },
  });
  kit = await createIdentityKit({
    DOMAIN_VERIFY_CONNECT_HOST: "127.0.0.1",
    DOMAIN_VERIFY_PORT: String(server.port),
    DOMAIN_VERIFY_TIMEOUT_MS: "300",
    // The "customer web server" of these tests is on loopback.
    DOMAIN_VERIFY_ALLOW_PRIVATE: "true",
  });
  store = await kit.store();
});
afterAll(async () => {
  await kit.dispose();
  await server.stop(true);
});

const add = (domain: string, token = store.ownerToken, storeId = store.id) =>
  kit.call("POST", `/v1/stores/${storeId}/domains`, { token, body: { domain } });
const verify = (domainId: string, token = store.ownerToken, storeId = store.id) =>
  kit.call("POST", `/v1/stores/${storeId}/domains/${domainId}/verify`, { token });
const storefront = (host: string) => kit.call("GET", "/v1/public/store", { host });

describe("custom domains", () => {
  test("a verified domain resolves to its store; before verification it does not", async () => {
    const added = await add("TV.Acme.Example.");
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ domain: "tv.acme.example", verified: false });
    expect(added.body.token).toStartWith("nwv_");
    expect((await storefront("tv.acme.example")).body.code).toBe("store_not_resolved");

    served.set("tv.acme.example", added.body.token);
    const verified = await verify(added.body.id);
    expect(verified.status).toBe(200);
    expect(verified.body.verified).toBe(true);
    expect(seenHosts).toContain("tv.acme.example");

    const resolved = await storefront("tv.acme.example");
    expect(resolved.status).toBe(200);
    expect(resolved.body.id).toBe(store.id);
  });

  test("a wrong token leaves the domain unverified with a reason", async () => {
    const added = await add("wrong.example.org");
    served.set("wrong.example.org", "nwv_something-else");
    const answer = await verify(added.body.id);
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe("domain_verification_failed");
    const list = await kit.call("GET", `/v1/stores/${store.id}/domains`, { token: store.ownerToken });
    const entry = list.body.find((d: { id: string }) => d.id === added.body.id);
    expect(entry.verified).toBe(false);
    expect(entry.lastError).toContain("does not contain");
    expect((await storefront("wrong.example.org")).status).toBe(404);
  });

  test("a missing file and a server that does not answer in time both fail verification", async () => {
    const missing = await add("missing.example.org");
    expect((await verify(missing.body.id)).body.detail).toContain("HTTP 404");
    const slow = await add("slow.example.net");
    served.set("slow.example.net", slow.body.token);
    const answer = await verify(slow.body.id);
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toContain("in time");
  });

  test("removing a domain stops it resolving at once", async () => {
    const added = await add("gone.example.com");
    served.set("gone.example.com", added.body.token);
    await verify(added.body.id);
    expect((await storefront("gone.example.com")).status).toBe(200);
    const removed = await kit.call("DELETE", `/v1/stores/${store.id}/domains/${added.body.id}`, {
      token: store.ownerToken,
    });
    expect(removed.status).toBe(204);
    expect((await storefront("gone.example.com")).status).toBe(404);
  });

  test("an unverified domain blocks nobody; the first store to verify owns it", async () => {
    const squatter = await kit.store();
    const early = await add("contested.example.com", squatter.ownerToken, squatter.id);
    expect(early.status).toBe(201);
    const owner = await add("contested.example.com");
    expect(owner.status).toBe(201);
    expect((await add("contested.example.com")).status).toBe(409);

    served.set("contested.example.com", owner.body.token);
    expect((await verify(early.body.id, squatter.ownerToken, squatter.id)).status).toBe(422);
    expect((await verify(owner.body.id)).status).toBe(200);
    expect((await storefront("contested.example.com")).body.id).toBe(store.id);
    const late = await add("contested.example.com", squatter.ownerToken, squatter.id);
    expect(late.status).toBe(409);
  });

  test("another store's domain answers 404", async () => {
    const other = await kit.store();
    const theirs = await add("theirs.example.com", other.ownerToken, other.id);
    expect((await verify(theirs.body.id)).status).toBe(404);
    expect((await verify(theirs.body.id, store.ownerToken, other.id)).status).toBe(404);
    const del = await kit.call("DELETE", `/v1/stores/${store.id}/domains/${theirs.body.id}`, {
      token: store.ownerToken,
    });
    expect(del.status).toBe(404);
  });

  test("domain verification is audited", async () => {
    const added = await add("audited.example.com");
    served.set("audited.example.com", added.body.token);
    await verify(added.body.id);
    const log = await kit.call("GET", "/v1/audit?action=domain.verify", { token: store.ownerToken });
    expect(log.body.items.some((e: { targetId: string }) => e.targetId === added.body.id)).toBe(true);
  });

  test("refuses addresses that are not public host names", async () => {
    for (const bad of [
      "127.0.0.1",
      "localhost",
      "shop.localhost",
      "acme.localhost",
      "no_underscores.example.com",
      "x",
    ]) {
      expect((await add(bad)).status).toBe(400);
    }
  });
});

describe("custom domains on non-public addresses (DOMAIN_VERIFY_ALLOW_PRIVATE off)", () => {
  test("a domain resolving to loopback is refused, never fetched, and stays unverified", async () => {
    for (const connectHost of ["127.0.0.1", "localhost", "[::1]"]) {
      const guarded = await createIdentityKit({
        DOMAIN_VERIFY_CONNECT_HOST: connectHost,
        DOMAIN_VERIFY_PORT: String(server.port),
        DOMAIN_VERIFY_TIMEOUT_MS: "300",
      });
      try {
        const owner = await guarded.store();
        const added = await guarded.call("POST", `/v1/stores/${owner.id}/domains`, {
          token: owner.ownerToken,
          body: { domain: "internal.example.com" },
        });
        served.set("internal.example.com", added.body.token);
        const seen = seenHosts.length;
        const answer = await guarded.call("POST", `/v1/stores/${owner.id}/domains/${added.body.id}/verify`, {
          token: owner.ownerToken,
        });
        expect({ connectHost, status: answer.status, code: answer.body.code }).toEqual({
          connectHost,
          status: 422,
          code: "domain_private_address",
        });
        expect(answer.body.addressClass).toBe("loopback");
        expect(seenHosts.length).toBe(seen);
        const list = await guarded.call("GET", `/v1/stores/${owner.id}/domains`, { token: owner.ownerToken });
        const entry = list.body.find((d: { id: string }) => d.id === added.body.id);
        expect(entry.verified).toBe(false);
        expect(entry.lastError).toContain("loopback");
        const resolved = await guarded.call("GET", "/v1/public/store", { host: "internal.example.com" });
        expect(resolved.status).toBe(404);
      } finally {
        await guarded.dispose();
      }
    }
  });
});

describe("normalizeDomain", () => {
  test("lowercases, drops the trailing dot and refuses the platform's own hosts", () => {
    expect(normalizeDomain(" Shop.Example.COM. ", "nevewatch.tv")).toBe("shop.example.com");
    expect(() => normalizeDomain("acme.nevewatch.tv", "nevewatch.tv")).toThrow();
    expect(() => normalizeDomain("nevewatch.tv", "nevewatch.tv")).toThrow();
    expect(() => normalizeDomain("10.0.0.1", "nevewatch.tv")).toThrow();
  });
});
