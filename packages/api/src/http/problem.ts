/**
 * RFC 9457 problem details: the one shape of every error response.
 */
import { t } from "elysia";
import { enumOf } from "../auth/enum.ts";
import { AppError, ERROR_STATUS, type ErrorCode } from "../errors/app-error.ts";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  [extension: string]: unknown;
}

const TITLES: Partial<Record<ErrorCode, string>> = {
  validation_failed: "Validation failed",
  malformed_json: "Malformed JSON",
  route_not_found: "Route not found",
  payload_too_large: "Payload too large",
  rate_limited: "Too many requests",
  internal: "Internal error",
};

function titleOf(code: ErrorCode): string {
  return TITLES[code] ?? code.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

export function problemOf(error: AppError, context: { instance?: string; requestId?: string }): Problem {
  return {
    ...error.details,
    type: `https://nevewatch.dev/problems/${error.code.replace(/_/g, "-")}`,
    title: titleOf(error.code),
    status: ERROR_STATUS[error.code],
    detail: error.message,
    code: error.code,
    ...(context.instance === undefined ? {} : { instance: context.instance }),
    ...(context.requestId === undefined ? {} : { requestId: context.requestId }),
  };
}

export function problemResponse(
  error: AppError,
  context: { instance?: string; requestId?: string },
  headers?: Record<string, string>,
): Response {
  return new Response(JSON.stringify(problemOf(error, context)), {
    status: error.status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, ...headers },
  });
}

/**
 * Every code of the error table, published as the `ProblemCode` schema so clients (the SDK's
 * known codes) are generated from the table rather than copied from it.
 */
export const ProblemCodeSchema = enumOf(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]], {
  description: "Stable machine-readable error code; clients switch on it",
});

/** The OpenAPI schema of a problem response, referenced by every route's error responses. */
export const ProblemSchema = t.Object(
  {
    type: t.String(),
    title: t.String(),
    status: t.Integer(),
    detail: t.String(),
    code: ProblemCodeSchema,
    instance: t.Optional(t.String()),
    requestId: t.Optional(t.String()),
    errors: t.Optional(t.Array(t.Object({ path: t.String(), message: t.String() }))),
  },
  {
    $id: "#/components/schemas/Problem",
    additionalProperties: true,
    examples: [
      {
        type: "https://nevewatch.dev/problems/validation-failed",
        title: "Validation failed",
        status: 400,
        detail: "Request body is invalid",
        code: "validation_failed",
        errors: [{ path: "/name", message: "Expected string" }],
        requestId: "01JD6Y6Z0M7",
      },
    ],
  },
);

/** Response schema entries for the listed error statuses, for a route's `response` option. */
export function problems<const S extends number>(...statuses: S[]): Record<S, typeof ProblemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ProblemSchema])) as Record<S, typeof ProblemSchema>;
}

export { AppError };
