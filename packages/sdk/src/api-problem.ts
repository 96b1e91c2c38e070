/**
 * `ApiProblem`: an RFC 9457 problem+json answer of the API as a typed error. Clients switch on
 * `code` (stable), never on `detail` (human text).
 */
import type { components } from "./gen/schema.ts";

export type Problem = components["schemas"]["Problem"];

/**
 * Every code the API answers (its error table, published in the spec as `ProblemCode` and
 * generated here), plus the client's own two. `ProblemCode` stays open, so a code the API adds
 * never breaks a build of an older app, while editors still complete the known ones.
 */
export type KnownProblemCode =
  | components["schemas"]["ProblemCode"]
  /** Client-side: the request never got an answer. */
  | "network_error"
  /** Client-side: an error answer that is not problem+json. */
  | "unexpected_response";

export type ProblemCode = KnownProblemCode | (string & {});

export class ApiProblem extends Error {
  override readonly name = "ApiProblem";
  readonly status: number;
  readonly code: ProblemCode;
  readonly title: string;
  readonly detail: string;
  readonly requestId: string | undefined;
  /** The whole problem document, extension members included. */
  readonly problem: Readonly<Record<string, unknown>>;

  /** `problem.code` may be any string: an answer of a newer API, or a client's own code. */
  constructor(
    status: number,
    problem: Partial<Omit<Problem, "code">> & { code?: ProblemCode } & Record<string, unknown>,
  ) {
    const code = typeof problem.code === "string" ? problem.code : "unexpected_response";
    const detail = typeof problem.detail === "string" ? problem.detail : `The API answered ${status}`;
    super(detail);
    this.status = status;
    this.code = code;
    this.title = typeof problem.title === "string" ? problem.title : code;
    this.detail = detail;
    this.requestId = typeof problem.requestId === "string" ? problem.requestId : undefined;
    this.problem = problem;
  }

  /** Field errors of a `validation_failed` problem. */
  get fieldErrors(): { path: string; message: string }[] {
    const errors = this.problem.errors;
    return Array.isArray(errors) ? (errors as { path: string; message: string }[]) : [];
  }

  /** Reads a problem from an error response (any content type). */
  static async fromResponse(response: Response): Promise<ApiProblem> {
    let body: unknown = null;
    try {
      const text = await response.text();
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    const problem =
      body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    return new ApiProblem(response.status, problem);
  }

  static network(cause: unknown): ApiProblem {
    const message = cause instanceof Error ? cause.message : String(cause);
    return new ApiProblem(0, { code: "network_error", title: "Network error", detail: message });
  }
}

export function isApiProblem(error: unknown, code?: ProblemCode): error is ApiProblem {
  return error instanceof ApiProblem && (code === undefined || error.code === code);
}
