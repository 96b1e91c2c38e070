import { encodeBase64Url, encodeJsonBase64Url, utf8 } from "../base64url.ts";
import { ROUTE_TOKEN_ISSUER, type RouteClaims, type RouteTokenInput } from "./claims.ts";
import { importRoutePrivateKey } from "./keys.ts";

export const ROUTE_TOKEN_HEADER = { alg: "EdDSA", typ: "JWT" } as const;

export interface SignOptions {
  /** Lifetime when `exp` is not given; 60 s by default, since the edge binds longer sessions itself. */
  ttlSec?: number;
  /** Unix seconds, for tests. */
  now?: number;
}

/** Signs route claims into a compact JWS (`alg: EdDSA`, Ed25519). */
export async function signRouteToken(
  privateKey: string | CryptoKey,
  input: RouteTokenInput,
  options: SignOptions = {},
): Promise<string> {
  const key = typeof privateKey === "string" ? await importRoutePrivateKey(privateKey) : privateKey;
  const iat = input.iat ?? options.now ?? Math.floor(Date.now() / 1000);
  const claims: RouteClaims = {
    iss: ROUTE_TOKEN_ISSUER,
    aud: input.aud,
    sub: input.sub,
    sid: input.sid,
    sto: input.sto,
    stm: input.stm,
    stt: input.stt,
    fmt: input.fmt,
    iat,
    exp: input.exp ?? iat + (options.ttlSec ?? 60),
    ...(input.nbf === undefined ? {} : { nbf: input.nbf }),
    jti: input.jti ?? crypto.randomUUID(),
    gen: input.gen ?? 0,
  };
  const signingInput = `${encodeJsonBase64Url(ROUTE_TOKEN_HEADER)}.${encodeJsonBase64Url(claims)}`;
  const signature = new Uint8Array(await crypto.subtle.sign("Ed25519", key, utf8(signingInput)));
  return `${signingInput}.${encodeBase64Url(signature)}`;
}
