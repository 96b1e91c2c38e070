/**
 * The one error type of the edge. Every failure a viewer or the API can see is an `EdgeError`
 * with a stable `code`; `problemResponse` turns it into RFC 9457 problem+json.
 */

/** Stable error codes and their HTTP statuses. Clients switch on the code, never on the text. */
export const EDGE_ERROR_STATUS = {
  token_missing: 401,
  token_malformed: 401,
  token_alg_not_allowed: 401,
  token_signature_invalid: 401,
  token_expired: 401,
  token_not_yet_valid: 401,
  token_claims_invalid: 401,
  token_wrong_audience: 403,
  token_wrong_stream: 403,
  session_expired: 403,
  session_revoked: 403,
  session_superseded: 409,
  route_in_use: 409,
  ref_invalid: 403,
  route_not_found: 404,
  no_source: 404,
  method_not_allowed: 405,
  upstream_failed: 502,
  draining: 503,
  no_upstream_slot: 503,
  sources_unavailable: 503,
  internal: 500,
} as const satisfies Record<string, number>;

export type EdgeErrorCode = keyof typeof EDGE_ERROR_STATUS;

/**
 * `Retry-After` of the refusals that pass with time. No free upstream slot: one frees when a
 * viewer of another channel leaves, and the edge's own retry backoff tops out at 5 s.
 */
export const EDGE_RETRY_AFTER_SECONDS = { no_upstream_slot: 5 } as const satisfies Partial<
  Record<EdgeErrorCode, number>
>;

/** Token refusal codes, counted by reason in the metrics. */
export type TokenRejection = Extract<EdgeErrorCode, `token_${string}`>;

export class EdgeError extends Error {
  override readonly name = "EdgeError";
  readonly code: EdgeErrorCode;

  constructor(code: EdgeErrorCode, message: string) {
    super(message);
    this.code = code;
  }

  get status(): number {
    return EDGE_ERROR_STATUS[this.code];
  }
}

export function isEdgeError(error: unknown): error is EdgeError {
  return error instanceof EdgeError;
}

export function isTokenRejection(code: EdgeErrorCode): code is TokenRejection {
  return code.startsWith("token_");
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

function titleOf(code: EdgeErrorCode): string {
  return code.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

/** An RFC 9457 problem response for an edge error. */
export function problemResponse(
  error: EdgeError,
  context: { instance?: string; requestId?: string } = {},
  headers?: Record<string, string>,
): Response {
  const body = {
    type: `https://nevewatch.dev/problems/${error.code.replace(/_/g, "-")}`,
    title: titleOf(error.code),
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(context.instance === undefined ? {} : { instance: context.instance }),
    ...(context.requestId === undefined ? {} : { requestId: context.requestId }),
  };
  const retryAfter = (EDGE_RETRY_AFTER_SECONDS as Partial<Record<EdgeErrorCode, number>>)[error.code];
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: {
      "content-type": PROBLEM_CONTENT_TYPE,
      "cache-control": "no-store",
      ...(retryAfter === undefined ? {} : { "retry-after": String(retryAfter) }),
      ...headers,
    },
  });
}
