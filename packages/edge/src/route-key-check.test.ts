import { describe, expect, test } from "bun:test";
import { generateKeyPairSync } from "node:crypto";
import { routeKeysMatch, routePrivateKeyProblem, routePublicKeyProblem } from "./route-key-check.ts";
import { generateRouteKeyPair } from "./token/keys.ts";

const pair = await generateRouteKeyPair();
const other = await generateRouteKeyPair();
const fromHex = (hex: string) => Buffer.from(hex, "hex").toString("base64url");

describe("routePublicKeyProblem", () => {
  test("accepts generated keys, raw and as a JWK", () => {
    expect(routePublicKeyProblem(pair.publicKey)).toBeUndefined();
    expect(
      routePublicKeyProblem(JSON.stringify({ kty: "OKP", crv: "Ed25519", x: pair.publicKey })),
    ).toBeUndefined();
  });

  test("refuses strings that are not 32 bytes of base64url", () => {
    for (const text of ["x", "y", "", `${pair.publicKey}A`, `+${pair.publicKey.slice(1)}`])
      expect(routePublicKeyProblem(text)).toContain("must be base64url");
  });

  test("refuses 32 bytes that encode no curve point", () => {
    // y = 2: (y² - 1) / (d·y² + 1) is not a square modulo 2^255 - 19 (Euler's criterion).
    expect(routePublicKeyProblem(fromHex(`02${"00".repeat(31)}`))).toBe(
      "is not a point on the Ed25519 curve",
    );
  });

  test("refuses a non-canonical encoding (y not below the field prime)", () => {
    expect(routePublicKeyProblem(fromHex(`ed${"ff".repeat(30)}7f`))).toBe(
      "is not a canonical Ed25519 point encoding",
    );
  });

  test("refuses the small-order points, under which forged signatures verify", () => {
    for (const hex of [
      `01${"00".repeat(31)}`,
      "00".repeat(32),
      `ec${"ff".repeat(30)}7f`,
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    ])
      expect(routePublicKeyProblem(fromHex(hex))).toContain("small-order");
  });
});

describe("routePrivateKeyProblem", () => {
  test("accepts a generated key, as PKCS#8 and as a JWK", () => {
    expect(routePrivateKeyProblem(pair.privateKey)).toBeUndefined();
    const jwk = generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
    expect(routePrivateKeyProblem(JSON.stringify(jwk))).toBeUndefined();
  });

  test("refuses what does not parse, and names the type of a key of another kind", () => {
    expect(routePrivateKeyProblem("x")).toContain("must be base64url of an Ed25519 PKCS#8");
    expect(routePrivateKeyProblem(pair.publicKey)).toContain("must be base64url of an Ed25519 PKCS#8");
    const x25519 = generateKeyPairSync("x25519").privateKey.export({ format: "der", type: "pkcs8" });
    expect(routePrivateKeyProblem(Buffer.from(x25519).toString("base64url"))).toBe(
      "is a x25519 key, not an Ed25519 one",
    );
  });
});

describe("routeKeysMatch", () => {
  test("tells a pair from two halves of different pairs", () => {
    expect(routeKeysMatch(pair.privateKey, pair.publicKey)).toBe(true);
    expect(routeKeysMatch(pair.privateKey, other.publicKey)).toBe(false);
    expect(routeKeysMatch("x", pair.publicKey)).toBe(false);
  });
});
