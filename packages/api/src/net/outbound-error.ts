/**
 * Why `guardedFetch` did not fetch a customer-supplied URL, worded for the store owner who
 * supplied it (import failures show the message as is). Messages name hosts and addresses,
 * never the URL itself: provider URLs carry account credentials in their query.
 */
import { AppError, type ErrorCode } from "../errors/app-error.ts";
import type { AddressClass } from "./public-address.ts";

export type OutboundRefusal =
  | { reason: "invalid_url" }
  | { reason: "scheme"; scheme: string }
  | { reason: "unresolved"; host: string }
  | { reason: "not_public"; host: string; address: string; addressClass: Exclude<AddressClass, "public"> }
  | { reason: "too_many_redirects"; max: number };

const CODES: Record<OutboundRefusal["reason"], ErrorCode> = {
  invalid_url: "unprocessable",
  scheme: "unprocessable",
  not_public: "unprocessable",
  unresolved: "unavailable",
  too_many_redirects: "unavailable",
};

const CLASS_NAMES: Record<Exclude<AddressClass, "public">, string> = {
  unspecified: "an unspecified",
  loopback: "a loopback",
  private: "a private",
  shared: "a shared (CGNAT)",
  "link-local": "a link-local",
  multicast: "a multicast",
  reserved: "a reserved",
  invalid: "an invalid",
};

/** The message for a refusal; `label` names whose URL it is ("provider", "guide"). */
function messageOf(refusal: OutboundRefusal, label: string, redirected: boolean): string {
  switch (refusal.reason) {
    case "invalid_url":
      return redirected
        ? `The ${label} redirected to an invalid URL`
        : `The ${label}'s URL is not a valid URL`;
    case "scheme":
      return `${redirected ? `The ${label} redirected to` : `The ${label}'s URL is`} a "${refusal.scheme}" URL; only http and https are fetched`;
    case "unresolved":
      return redirected
        ? `The ${label} redirected to "${refusal.host}", which does not resolve to an address`
        : `The ${label}'s address "${refusal.host}" does not resolve to an address`;
    case "not_public": {
      const where =
        refusal.host === refusal.address ? `"${refusal.address}"` : `"${refusal.host}" (${refusal.address})`;
      const what = `${CLASS_NAMES[refusal.addressClass]} address; refused (set OUTBOUND_ALLOW_PRIVATE for local ${label}s)`;
      return redirected
        ? `The ${label} redirected to ${where}, ${what}`
        : `The ${label}'s address ${where} is ${what}`;
    }
    case "too_many_redirects":
      return `The ${label} redirected more than ${refusal.max} times; gave up`;
  }
}

export class OutboundError extends AppError {
  readonly refusal: OutboundRefusal;

  constructor(refusal: OutboundRefusal, options: { label: string; redirected: boolean }) {
    super(CODES[refusal.reason], messageOf(refusal, options.label, options.redirected), { ...refusal });
    this.refusal = refusal;
  }
}
