/**
 * Why `guardedFetch` did not fetch a customer-supplied URL, as the API's one error type: the
 * edge's guard says why (`OutboundRefusal`) and words it; this maps the reason to a problem code.
 * Messages name hosts and addresses, never the URL itself: provider URLs carry account
 * credentials in their query.
 */
import { type OutboundRefusal, refusalMessage } from "@nevewatch/edge";
import { AppError, type ErrorCode } from "../errors/app-error.ts";

export type { OutboundRefusal };

/** The setting that lets imports reach private addresses, named in refusal messages. */
export const OUTBOUND_SETTING = "OUTBOUND_ALLOW_PRIVATE";

const CODES: Record<OutboundRefusal["reason"], ErrorCode> = {
  invalid_url: "unprocessable",
  scheme: "unprocessable",
  not_public: "unprocessable",
  unresolved: "unavailable",
  too_many_redirects: "unavailable",
};

export class OutboundError extends AppError {
  readonly refusal: OutboundRefusal;

  /** `label` names whose URL it is ("provider", "guide"). */
  constructor(refusal: OutboundRefusal, options: { label: string; redirected: boolean }) {
    super(CODES[refusal.reason], refusalMessage(refusal, { ...options, setting: OUTBOUND_SETTING }), {
      ...refusal,
    });
    this.refusal = refusal;
  }
}
