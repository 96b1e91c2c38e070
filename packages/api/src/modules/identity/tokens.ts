/**
 * Access tokens: short-lived HS256 JWTs (algorithm pinned on verify, so `alg: none` and
 * asymmetric confusion are refused) carrying `sub`, `role`, `sto` (store), `perms` and `sid`
 * (the refresh family, i.e. the device session).
 */
import { jwt } from "@elysiajs/jwt";
import { ROLES, type Role } from "../../auth/principal.ts";
import type { Config } from "../../config/config.ts";

export const AUDIENCE = "nevewatch-api";
const ALGORITHM = "HS256";

export interface AccessClaims {
  sub: string;
  role: Role;
  sto: string | null;
  perms: string[];
  sid: string;
}

export interface TokenSigner {
  sign(claims: AccessClaims, options?: { expiresAtSec?: number }): Promise<string>;
  /** The claims of a valid token, or null when it is malformed, forged, expired or not for us. */
  verify(token: string): Promise<AccessClaims | null>;
  readonly ttlSec: number;
}

function isClaims(value: Record<string, unknown>): value is Record<string, unknown> & AccessClaims {
  return (
    typeof value.sub === "string" &&
    typeof value.role === "string" &&
    (ROLES as readonly string[]).includes(value.role) &&
    (value.sto === null || typeof value.sto === "string") &&
    Array.isArray(value.perms) &&
    value.perms.every((p) => typeof p === "string") &&
    typeof value.sid === "string"
  );
}

export function createTokenSigner(
  config: Pick<Config, "JWT_SECRET" | "PUBLIC_URL" | "ACCESS_TOKEN_TTL_SEC">,
  secret = config.JWT_SECRET,
): TokenSigner {
  const issuer = config.PUBLIC_URL;
  const { jwt: codec } = jwt({ name: "jwt", secret, alg: ALGORITHM, iss: issuer, aud: AUDIENCE }).decorator;
  const ttlSec = config.ACCESS_TOKEN_TTL_SEC;
  return {
    ttlSec,
    sign(claims, options = {}) {
      const exp = options.expiresAtSec ?? Math.floor(Date.now() / 1000) + ttlSec;
      return codec.sign({
        sub: claims.sub,
        role: claims.role,
        sto: claims.sto,
        perms: claims.perms,
        sid: claims.sid,
        exp,
      });
    },
    async verify(token) {
      const payload = await codec.verify(token, {
        algorithms: [ALGORITHM],
        issuer,
        audience: AUDIENCE,
        requiredClaims: ["exp", "iat", "sub"],
        clockTolerance: 5,
      });
      if (!payload || !isClaims(payload)) return null;
      return {
        sub: payload.sub,
        role: payload.role,
        sto: payload.sto,
        perms: payload.perms,
        sid: payload.sid,
      };
    },
  };
}
