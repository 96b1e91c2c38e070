import { describe, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import { decodeBase64Url, encodeBase64Url, encodeJsonBase64Url } from "../base64url.ts";
import { EdgeError } from "../errors/edge-error.ts";
import type { RouteTokenInput } from "./claims.ts";
import { createTokenVerifier } from "./create-token-verifier.ts";
import { generateRouteKeyPair } from "./keys.ts";
import { signRouteToken } from "./sign-route-token.ts";

const keys = await generateRouteKeyPair();
const otherKeys = await generateRouteKeyPair();
const verifier = createTokenVerifier({ publicKey: keys.publicKey, nodeId: "node-a", clockSkewSec: 5 });

const input: RouteTokenInput = {
  aud: "node-a",
  sub: "viewer-1",
  sid: "screen-1",
  sto: "store-1",
  stm: "1001",
  stt: "live",
  fmt: "ts",
};

async function rejection(token: string | undefined): Promise<string> {
  try {
    await verifier.verify(token);
  } catch (error) {
    if (error instanceof EdgeError) return error.code;
    throw error;
  }
  throw new Error("token was accepted");
}

function swapPayload(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const claims = JSON.parse(new TextDecoder().decode(decodeBase64Url(payload))) as Record<string, unknown>;
  change(claims);
  return `${header}.${encodeJsonBase64Url(claims)}.${signature}`;
}

describe("route token verification", () => {
  test("accepts a fresh token for this node and returns its claims", async () => {
    const token = await signRouteToken(keys.privateKey, input);
    const claims = await verifier.verify(token);
    expect(claims).toMatchObject({
      iss: "nevewatch",
      aud: "node-a",
      sid: "screen-1",
      stm: "1001",
      stt: "live",
    });
    expect(claims.exp - claims.iat).toBe(60);
    expect(claims.jti.length).toBeGreaterThan(10);
  });

  test("accepts a private key given as JWK JSON", async () => {
    const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
      "sign",
      "verify",
    ])) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
    const publicJwk = JSON.stringify(await crypto.subtle.exportKey("jwk", pair.publicKey));
    const jwkVerifier = createTokenVerifier({ publicKey: publicJwk, nodeId: "node-a" });
    const token = await signRouteToken(JSON.stringify(jwk), input);
    expect((await jwkVerifier.verify(token)).sub).toBe("viewer-1");
  });

  test("rejects a missing token", async () => {
    expect(await rejection(undefined)).toBe("token_missing");
    expect(await rejection("")).toBe("token_missing");
  });

  test("rejects a tampered payload", async () => {
    const token = await signRouteToken(keys.privateKey, input);
    expect(await rejection(swapPayload(token, (claims) => (claims.stm = "1002")))).toBe(
      "token_signature_invalid",
    );
  });

  test("rejects a tampered signature", async () => {
    const token = await signRouteToken(keys.privateKey, input);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const bytes = decodeBase64Url(signature) as Uint8Array;
    bytes[10] = (bytes[10] ?? 0) ^ 0x01;
    expect(await rejection(`${header}.${payload}.${encodeBase64Url(bytes)}`)).toBe("token_signature_invalid");
  });

  test("rejects an expired token beyond the clock skew", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await signRouteToken(keys.privateKey, { ...input, iat: now - 120, exp: now - 6 });
    expect(await rejection(token)).toBe("token_expired");
  });

  test("tolerates expiry within the clock skew and accepts expired tokens only when asked", async () => {
    const now = Math.floor(Date.now() / 1000);
    const withinSkew = await signRouteToken(keys.privateKey, { ...input, iat: now - 60, exp: now - 2 });
    expect((await verifier.verify(withinSkew)).sid).toBe("screen-1");
    const expired = await signRouteToken(keys.privateKey, { ...input, iat: now - 600, exp: now - 300 });
    expect((await verifier.verify(expired, { allowExpired: true })).sid).toBe("screen-1");
  });

  test("rejects a token whose nbf is in the future", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await signRouteToken(keys.privateKey, { ...input, nbf: now + 60 });
    expect(await rejection(token)).toBe("token_not_yet_valid");
  });

  test("rejects a token issued for another node", async () => {
    const token = await signRouteToken(keys.privateKey, { ...input, aud: "node-b" });
    expect(await rejection(token)).toBe("token_wrong_audience");
  });

  test("rejects alg none with an empty signature", async () => {
    const token = await signRouteToken(keys.privateKey, input);
    const payload = token.split(".")[1];
    expect(await rejection(`${encodeJsonBase64Url({ alg: "none", typ: "JWT" })}.${payload}.`)).toBe(
      "token_alg_not_allowed",
    );
  });

  test("rejects HS256 signed with the public key bytes as the HMAC secret", async () => {
    const token = await signRouteToken(keys.privateKey, input);
    const payload = token.split(".")[1];
    const header = encodeJsonBase64Url({ alg: "HS256", typ: "JWT" });
    for (const secret of [decodeBase64Url(keys.publicKey) as Uint8Array, Buffer.from(keys.publicKey)]) {
      const mac = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
      expect(await rejection(`${header}.${payload}.${encodeBase64Url(mac)}`)).toBe("token_alg_not_allowed");
    }
  });

  test("rejects other algorithms and unknown header fields", async () => {
    const token = await signRouteToken(keys.privateKey, input);
    const [, payload, signature] = token.split(".") as [string, string, string];
    for (const alg of ["ES256", "RS256", "eddsa", "Ed25519"]) {
      expect(await rejection(`${encodeJsonBase64Url({ alg })}.${payload}.${signature}`)).toBe(
        "token_alg_not_allowed",
      );
    }
    const crit = encodeJsonBase64Url({ alg: "EdDSA", crit: ["exp"] });
    expect(await rejection(`${crit}.${payload}.${signature}`)).toBe("token_malformed");
  });

  test("rejects a token signed with another key", async () => {
    const token = await signRouteToken(otherKeys.privateKey, input);
    expect(await rejection(token)).toBe("token_signature_invalid");
  });

  test("rejects malformed strings", async () => {
    const token = await signRouteToken(keys.privateKey, input);
    const malformed = [
      "abc",
      "a.b",
      "a.b.c.d",
      `${token}.`,
      token.replace(".", ".."),
      `!!.${token.split(".")[1]}.${token.split(".")[2]}`,
      `${encodeJsonBase64Url([1, 2])}.${token.split(".")[1]}.${token.split(".")[2]}`,
      `${token.split(".")[0]}.${token.split(".")[1]}.AAAA`,
      `${token}=`,
      "x".repeat(5000),
    ];
    for (const text of malformed) expect(await rejection(text)).toBe("token_malformed");
  });

  test("rejects a correctly signed token with missing or mistyped claims", async () => {
    const key = await crypto.subtle.importKey(
      "pkcs8",
      decodeBase64Url(keys.privateKey) as Uint8Array<ArrayBuffer>,
      { name: "Ed25519" },
      false,
      ["sign"],
    );
    const now = Math.floor(Date.now() / 1000);
    const good = { iss: "nevewatch", ...input, iat: now, exp: now + 60, jti: "j1" };
    const broken = [
      { ...good, stt: "radio" },
      { ...good, exp: String(now + 60) },
      { ...good, iss: "someone-else" },
      { ...good, sid: undefined },
      { ...good, fmt: 3 },
    ];
    for (const claims of broken) {
      const signingInput = `${encodeJsonBase64Url({ alg: "EdDSA", typ: "JWT" })}.${encodeJsonBase64Url(claims)}`;
      const sig = new Uint8Array(
        await crypto.subtle.sign("Ed25519", key, new TextEncoder().encode(signingInput)),
      );
      expect(await rejection(`${signingInput}.${encodeBase64Url(sig)}`)).toBe("token_claims_invalid");
    }
  });

  test("refuses to build a verifier from a key that is not an Ed25519 public key", () => {
    expect(() => createTokenVerifier({ publicKey: "short", nodeId: "n" })).toThrow(/32 raw Ed25519 bytes/);
    expect(() => createTokenVerifier({ publicKey: keys.privateKey, nodeId: "n" })).toThrow();
  });
});
