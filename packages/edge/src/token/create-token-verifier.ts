/**
 * Local route-token verification on the edge: no call to the API per viewer. The algorithm is
 * pinned to EdDSA before the signature is looked at, so `alg: none` and HMAC-with-the-public-key
 * confusions never reach a verify call.
 */

import { decodeBase64Url, decodeJsonBase64Url, utf8 } from "../base64url.ts";
import { EdgeError } from "../errors/edge-error.ts";
import { type RouteClaims, RouteClaimsSchema } from "./claims.ts";
import { decodeRoutePublicKey } from "./keys.ts";

const MAX_TOKEN_LENGTH = 4096;
const ALLOWED_HEADER_KEYS = new Set(["alg", "typ", "kid"]);

export interface TokenVerifierOptions {
  /** Public key string (base64url raw or JWK), see `generateRouteKeyPair`. */
  publicKey: string;
  /** This node's id; tokens must carry it as `aud`. */
  nodeId: string;
  /** Tolerated clock difference between API and edge, seconds. */
  clockSkewSec?: number;
  /** Unix seconds; injectable for tests. */
  now?: () => number;
}

export interface VerifyOptions {
  /** Accept a token past `exp` (used only to re-attach to a session that is still alive). */
  allowExpired?: boolean;
}

export interface TokenVerifier {
  /** Resolves to the claims or rejects with an `EdgeError` whose code says why. */
  verify(token: string | null | undefined, options?: VerifyOptions): Promise<RouteClaims>;
}

function checkHeader(encoded: string): void {
  const header = decodeJsonBase64Url(encoded);
  if (typeof header !== "object" || header === null || Array.isArray(header)) {
    throw new EdgeError("token_malformed", "Route token header is not a JSON object");
  }
  const fields = header as Record<string, unknown>;
  if (fields.alg !== "EdDSA") {
    throw new EdgeError(
      "token_alg_not_allowed",
      `Route token algorithm "${String(fields.alg)}" is not allowed`,
    );
  }
  if (fields.typ !== undefined && fields.typ !== "JWT") {
    throw new EdgeError("token_malformed", `Route token type "${String(fields.typ)}" is not JWT`);
  }
  for (const key of Object.keys(fields)) {
    // `crit`, `b64`, `jwk`, `jku` and friends change how a token is read; none belong here.
    if (!ALLOWED_HEADER_KEYS.has(key)) {
      throw new EdgeError("token_malformed", `Route token header field "${key}" is not allowed`);
    }
  }
}

function checkTimes(claims: RouteClaims, now: number, skew: number, allowExpired: boolean): void {
  if (!allowExpired && claims.exp + skew <= now) {
    throw new EdgeError("token_expired", "Route token has expired");
  }
  if (claims.nbf !== undefined && claims.nbf - skew > now) {
    throw new EdgeError("token_not_yet_valid", "Route token is not valid yet");
  }
  if (claims.iat - skew > now) {
    throw new EdgeError("token_not_yet_valid", "Route token was issued in the future");
  }
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const raw = decodeRoutePublicKey(options.publicKey);
  let key: Promise<CryptoKey> | undefined;
  const publicKey = (): Promise<CryptoKey> => {
    key ??= crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
    return key;
  };
  const skew = options.clockSkewSec ?? 30;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));

  return {
    async verify(token, verifyOptions = {}) {
      if (token === null || token === undefined || token === "") {
        throw new EdgeError("token_missing", "A route token is required");
      }
      if (token.length > MAX_TOKEN_LENGTH) throw new EdgeError("token_malformed", "Route token is too long");
      const parts = token.split(".");
      const [header, payload, signature] = parts;
      if (parts.length !== 3 || header === undefined || payload === undefined || signature === undefined) {
        throw new EdgeError("token_malformed", "Route token is not a compact JWS");
      }
      checkHeader(header);
      const signatureBytes = decodeBase64Url(signature);
      if (signatureBytes === undefined || signatureBytes.length !== 64) {
        throw new EdgeError("token_malformed", "Route token signature is not 64 base64url bytes");
      }
      const valid = await crypto.subtle.verify(
        "Ed25519",
        await publicKey(),
        signatureBytes,
        utf8(`${header}.${payload}`),
      );
      if (!valid) throw new EdgeError("token_signature_invalid", "Route token signature does not verify");
      const parsed = RouteClaimsSchema.safeParse(decodeJsonBase64Url(payload));
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => issue.path.join(".") || "payload").join(", ");
        throw new EdgeError("token_claims_invalid", `Route token claims are invalid: ${fields}`);
      }
      const claims = parsed.data;
      checkTimes(claims, now(), skew, verifyOptions.allowExpired === true);
      if (claims.aud !== options.nodeId) {
        throw new EdgeError("token_wrong_audience", `Route token is for node "${claims.aud}", not this node`);
      }
      return claims;
    },
  };
}
