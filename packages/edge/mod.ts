/**
 * @nevewatch/edge — the streaming edge: checks route tokens locally, shares one upstream
 * connection per live channel among all its viewers, proxies HLS through a coalescing cache and
 * VOD byte ranges, and fails over between sources. Use `createEdge` to embed it (the API does, at
 * `/edge`); `src/main.ts` runs it as a standalone node. The API signs tokens with `signRouteToken`,
 * and fetches its own tenant-supplied URLs with the edge's SSRF guard (`createGuardedFetch`).
 */

export { REVOCATIONS_WAIT_MS } from "./src/api-client.ts";
export type {
  EndSessionsRequest,
  HeartbeatRequest,
  HeartbeatResponse,
  NodeState,
  RegisterRequest,
  RegisterResponse,
  Revocation,
  RevocationsResponse,
  SourcesResponse,
  UpstreamLeaseRequest,
} from "./src/api-contract.ts";
/** The node ↔ API wire contract as zod schemas: the API validates and documents its `/v1/edge/*` routes with them. */
export * as edgeApiContract from "./src/api-contract.ts";
export { NO_UPSTREAM_SLOT, NODE_STATES } from "./src/api-contract.ts";
export type { EdgeErrorCode, TokenRejection } from "./src/errors/edge-error.ts";
export {
  EDGE_ERROR_STATUS,
  EDGE_RETRY_AFTER_SECONDS,
  EdgeError,
  isEdgeError,
  PROBLEM_CONTENT_TYPE,
} from "./src/errors/edge-error.ts";
export type { Logger } from "./src/logger.ts";
export { silentLogger } from "./src/logger.ts";
export type { AddressClass } from "./src/net/address-class.ts";
export { addressClass } from "./src/net/address-class.ts";
export type { GuardedFetchOptions, OutboundPolicy, UpstreamFetch } from "./src/net/guarded-fetch.ts";
export { addressedRequest, createGuardedFetch } from "./src/net/guarded-fetch.ts";
export type { OutboundRefusal, RefusalWording } from "./src/net/outbound-refusal.ts";
export { OutboundRefusedError, refusalMessage } from "./src/net/outbound-refusal.ts";
export type { Lookup, Resolution, ResolvedAddress, ResolveOptions } from "./src/net/resolve-public.ts";
export { resolvePublic, systemLookup } from "./src/net/resolve-public.ts";
export { routeKeysMatch, routePrivateKeyProblem, routePublicKeyProblem } from "./src/route-key-check.ts";
export type { Edge, EdgeDeps } from "./src/server/create-edge.ts";
export { createEdge } from "./src/server/create-edge.ts";
export type { EdgeConfig } from "./src/server/edge-config.ts";
export { DEFAULT_EDGE_CONFIG } from "./src/server/edge-config.ts";
export type { EdgeStats } from "./src/server/edge-stats.ts";
export type { RouteClaims, RouteTokenInput, StreamFormat, StreamType } from "./src/token/claims.ts";
export { ROUTE_TOKEN_ISSUER, RouteClaimsSchema, STREAM_FORMATS, STREAM_TYPES } from "./src/token/claims.ts";
export type { TokenVerifier, TokenVerifierOptions } from "./src/token/create-token-verifier.ts";
export { createTokenVerifier } from "./src/token/create-token-verifier.ts";
export type { RouteKeyPair } from "./src/token/keys.ts";
export { generateRouteKeyPair } from "./src/token/keys.ts";
export type { SignOptions } from "./src/token/sign-route-token.ts";
export { signRouteToken } from "./src/token/sign-route-token.ts";
export type { Source, SourceLookup, UpstreamSlots } from "./src/upstream/source.ts";
