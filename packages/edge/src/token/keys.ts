/**
 * Ed25519 route keys as strings that fit in environment variables: the public key as base64url
 * of its 32 raw bytes, the private key as base64url of its PKCS#8 DER. JWK JSON is also accepted.
 */
import { decodeBase64Url, encodeBase64Url } from "../base64url.ts";

const ED25519 = { name: "Ed25519" } as const;

export interface RouteKeyPair {
  /** base64url of the raw 32-byte public key (`EDGE_ROUTE_PUBLIC_KEY`). */
  publicKey: string;
  /** base64url of the PKCS#8 private key; keep it in the API's secrets only. */
  privateKey: string;
}

export async function generateRouteKeyPair(): Promise<RouteKeyPair> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ["sign", "verify"])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  return { publicKey: encodeBase64Url(raw), privateKey: encodeBase64Url(pkcs8) };
}

function parseJwk(text: string): JsonWebKey | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    const jwk = JSON.parse(text) as JsonWebKey;
    return jwk.kty === "OKP" && jwk.crv === "Ed25519" ? jwk : undefined;
  } catch {
    return undefined;
  }
}

/** Decodes a public key string to its raw bytes, or throws when it is not an Ed25519 public key. */
export function decodeRoutePublicKey(text: string): Uint8Array<ArrayBuffer> {
  const jwk = parseJwk(text);
  const raw = decodeBase64Url(jwk === undefined ? text.trim() : (jwk.x ?? ""));
  if (raw === undefined || raw.length !== 32) {
    throw new Error("Route public key must be base64url of 32 raw Ed25519 bytes or an OKP JWK");
  }
  return raw;
}

export async function importRoutePublicKey(text: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", decodeRoutePublicKey(text), ED25519, false, ["verify"]);
}

export async function importRoutePrivateKey(text: string): Promise<CryptoKey> {
  const jwk = parseJwk(text);
  if (jwk !== undefined) {
    const { key_ops: _ops, ext: _ext, ...rest } = jwk;
    return crypto.subtle.importKey("jwk", rest, ED25519, false, ["sign"]);
  }
  const der = decodeBase64Url(text.trim());
  if (der === undefined) throw new Error("Route private key must be base64url PKCS#8 or an OKP JWK");
  return crypto.subtle.importKey("pkcs8", der, ED25519, false, ["sign"]);
}
