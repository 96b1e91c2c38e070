/**
 * The one error type of the control plane. Every failure a client can see is an
 * `AppError` with a stable `code`; `problem.ts` turns it into RFC 9457 problem+json.
 */
import { EDGE_ERROR_STATUS } from "@nevewatch/edge";

/** Stable error codes and their HTTP statuses. Clients switch on the code, never on the text. */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  weak_password: 400,
  malformed_json: 400,
  unauthorized: 401,
  token_invalid: 401,
  token_expired: 401,
  invalid_credentials: 401,
  forbidden: 403,
  pin_incorrect: 403,
  store_suspended: 403,
  signup_disabled: 403,
  account_disabled: 403,
  platform_account: 403,
  email_unverified: 403,
  no_subscription: 403,
  subscription_expired: 403,
  subscription_suspended: 403,
  not_in_plan: 403,
  not_found: 404,
  plan_not_found: 404,
  store_not_resolved: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  duplicate: 409,
  version_conflict: 409,
  plan_in_use: 409,
  subscription_exists: 409,
  invalid_subscription_state: 409,
  trial_used: 409,
  profile_limit_reached: 409,
  screen_limit_reached: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  reference_not_found: 422,
  plan_has_no_trial: 422,
  domain_verification_failed: 422,
  domain_private_address: 422,
  rate_limited: 429,
  internal: 500,
  not_implemented: 501,
  unavailable: 503,
  no_healthy_node: 503,
  /** The edge's code for a provider whose connections are all in use: one status on both sides. */
  no_upstream_slot: EDGE_ERROR_STATUS.no_upstream_slot,
  streaming_unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Extra, machine-readable facts about an error, such as the field paths that failed validation. */
export type ErrorDetails = Record<string, unknown>;

export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
