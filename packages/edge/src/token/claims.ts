/**
 * Route token claims: what the control plane promises the edge about one viewer's right to
 * one stream on one node. The schema is the contract between the API (signer) and the edge.
 */
import { z } from "zod";

export const ROUTE_TOKEN_ISSUER = "nevewatch";

/**
 * How a stream is routed and served: the one definition of the stream type on the wire (route
 * tokens, `GET /v1/streaming/node-route`, the edge's paths, heartbeats). `vod` is a film and
 * `series` an episode; the API's catalog names what an item *is* (`movie`, `episode`) and maps
 * to these in one place (`catalog/stream-types.ts`).
 */
export const STREAM_TYPES = ["live", "vod", "series"] as const;
export type StreamType = (typeof STREAM_TYPES)[number];

export const STREAM_FORMATS = ["ts", "hls", "file"] as const;
export type StreamFormat = (typeof STREAM_FORMATS)[number];

const id = z.string().min(1).max(200);
const seconds = z.number().int().nonnegative();

export const RouteClaimsSchema = z.object({
  iss: z.literal(ROUTE_TOKEN_ISSUER),
  aud: id,
  sub: id,
  sid: id,
  sto: id,
  stm: id,
  stt: z.enum(STREAM_TYPES),
  fmt: z.enum(STREAM_FORMATS),
  iat: seconds,
  exp: seconds,
  nbf: seconds.optional(),
  jti: id,
  /** Route generation of the screen: larger for every route the API hands out for `sid`. */
  gen: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(0),
});

/** The verified claims of a route token. */
export type RouteClaims = z.infer<typeof RouteClaimsSchema>;

/** What the API passes to `signRouteToken`: the issuer is fixed, times and `jti` have defaults. */
export interface RouteTokenInput {
  /** Node id the token is for. */
  aud: string;
  /** Viewer id. */
  sub: string;
  /** Screen-session id. */
  sid: string;
  /** Store id. */
  sto: string;
  /** Stream id. */
  stm: string;
  stt: StreamType;
  fmt: StreamFormat;
  /** Issued at, Unix seconds; defaults to now. */
  iat?: number;
  /** Expiry, Unix seconds; defaults to `iat + ttlSec`. */
  exp?: number;
  nbf?: number;
  /** Token id; defaults to a random UUID. */
  jti?: string;
  /** Route generation of the screen session; 0 by default. */
  gen?: number;
}
