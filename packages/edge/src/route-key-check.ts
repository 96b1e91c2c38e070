/**
 * Route keys checked before anything uses them, synchronously (config schemas run at start):
 * the public key must encode a point of the Ed25519 curve that is not of small order, the private
 * key must be an Ed25519 PKCS#8 key (or OKP JWK), and a pair must belong together. Each check
 * answers a problem sentence, or undefined when the key is fine.
 *
 * Web Crypto and BoringSSL import any 32 bytes as a public key (the point is only decoded when a
 * signature is verified), and any PKCS#8 key as a private key until it signs, so a wrong or
 * mistyped key would otherwise surface as a 500 on the first route and a 403 on every stream.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { decodeBase64Url } from "./base64url.ts";
import { decodeRoutePublicKey } from "./token/keys.ts";

const P = 2n ** 255n - 19n;
const D = mod(-121665n * inverse(121666n));
/** A square root of -1 modulo P. */
const SQRT_M1 = power(2n, (P - 1n) / 4n);

function mod(a: bigint): bigint {
  const r = a % P;
  return r < 0n ? r + P : r;
}

function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = mod(result * b);
    b = mod(b * b);
    e >>= 1n;
  }
  return result;
}

function inverse(a: bigint): bigint {
  return power(a, P - 2n);
}

/** The affine point a 32-byte encoding stands for (RFC 8032 §5.1.3), or why it stands for none. */
function decodePoint(bytes: Uint8Array): { x: bigint; y: bigint } | string {
  let y = 0n;
  for (let i = 31; i >= 0; i--) y = (y << 8n) | BigInt(bytes[i] ?? 0);
  const sign = y >> 255n;
  y &= (1n << 255n) - 1n;
  if (y >= P) return "is not a canonical Ed25519 point encoding";
  const u = mod(y * y - 1n);
  const v = mod(D * y * y + 1n);
  let x = mod(u * power(v, 3n) * power(u * power(v, 7n), (P - 5n) / 8n));
  const vx2 = mod(v * x * x);
  if (vx2 === mod(-u)) x = mod(x * SQRT_M1);
  else if (vx2 !== u) return "is not a point on the Ed25519 curve";
  if (x === 0n && sign === 1n) return "is not a canonical Ed25519 point encoding";
  if ((x & 1n) !== sign) x = P - x;
  return { x, y };
}

/** Whether eight times the point is the neutral element (extended coordinates, a = -1). */
function hasSmallOrder(point: { x: bigint; y: bigint }): boolean {
  let [X, Y, Z] = [point.x, point.y, 1n];
  for (let i = 0; i < 3; i++) {
    const A = mod(X * X);
    const B = mod(Y * Y);
    const C = mod(2n * Z * Z);
    const H = mod(A + B);
    const E = mod(H - (X + Y) * (X + Y));
    const G = mod(A - B);
    const F = mod(C + G);
    [X, Y, Z] = [mod(E * F), mod(G * H), mod(F * G)];
  }
  return X === 0n && Y === Z;
}

/** Why `text` is not a usable route public key, or undefined. */
export function routePublicKeyProblem(text: string): string | undefined {
  let raw: Uint8Array;
  try {
    raw = decodeRoutePublicKey(text);
  } catch {
    return "must be base64url of a raw 32-byte Ed25519 public key or an OKP JWK";
  }
  const point = decodePoint(raw);
  if (typeof point === "string") return point;
  if (hasSmallOrder(point)) return "is a small-order Ed25519 point, which any signature could match";
  return undefined;
}

function parsePrivateKey(text: string): KeyObject | undefined {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith("{")) return createPrivateKey({ key: JSON.parse(trimmed), format: "jwk" });
    const der = decodeBase64Url(trimmed);
    return der === undefined
      ? undefined
      : createPrivateKey({ key: Buffer.from(der), format: "der", type: "pkcs8" });
  } catch {
    return undefined;
  }
}

/** Why `text` is not a usable route private key, or undefined. */
export function routePrivateKeyProblem(text: string): string | undefined {
  const key = parsePrivateKey(text);
  if (key === undefined) return "must be base64url of an Ed25519 PKCS#8 private key or an OKP JWK";
  if (key.asymmetricKeyType !== "ed25519")
    return `is a ${key.asymmetricKeyType ?? "unknown"} key, not an Ed25519 one`;
  return undefined;
}

/** Whether the public key is the one of the private key (both assumed to pass their checks). */
export function routeKeysMatch(privateText: string, publicText: string): boolean {
  const key = parsePrivateKey(privateText);
  if (key === undefined) return false;
  const derived = createPublicKey(key).export({ format: "jwk" }).x;
  try {
    return (
      derived !== undefined && derived === Buffer.from(decodeRoutePublicKey(publicText)).toString("base64url")
    );
  } catch {
    return false;
  }
}
