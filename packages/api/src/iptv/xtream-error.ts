import { AppError, type ErrorCode } from "../errors/app-error.ts";

/** Why a call to an Xtream Codes panel failed. */
export type XtreamErrorReason =
  | "auth"
  | "http"
  | "not_json"
  | "bad_response"
  | "not_found"
  | "network"
  | "timeout";

const CODES: Record<XtreamErrorReason, ErrorCode> = {
  // The panel refused the provider's credentials: the request the user made cannot be processed.
  auth: "unprocessable",
  not_found: "not_found",
  http: "unavailable",
  not_json: "unavailable",
  bad_response: "unavailable",
  network: "unavailable",
  timeout: "unavailable",
};

/**
 * A failed call to an Xtream Codes panel. Callers switch on `reason`; as an `AppError` it also
 * maps to an HTTP status. Messages name the panel's host and the action, never the credentials.
 */
export class XtreamError extends AppError {
  readonly reason: XtreamErrorReason;
  /** The panel's HTTP status, when it answered. */
  readonly httpStatus: number | undefined;

  constructor(
    reason: XtreamErrorReason,
    message: string,
    details: { httpStatus?: number; action?: string; host?: string; snippet?: string; cause?: unknown } = {},
  ) {
    const { cause, ...rest } = details;
    super(CODES[reason], message, { reason, ...rest });
    this.reason = reason;
    this.httpStatus = details.httpStatus;
    if (cause !== undefined) this.cause = cause;
  }
}

export function isXtreamError(error: unknown): error is XtreamError {
  return error instanceof XtreamError;
}
