/**
 * Why a guarded fetch did not fetch a tenant-supplied URL, worded for the operator or store owner
 * who reads it (edge logs, the API's import failures). Messages name hosts and addresses, never
 * the URL itself: provider URLs carry account credentials in their path and query.
 */
import type { AddressClass } from "./address-class.ts";

export type OutboundRefusal =
  | { reason: "invalid_url" }
  | { reason: "scheme"; scheme: string }
  | { reason: "unresolved"; host: string }
  | { reason: "not_public"; host: string; address: string; addressClass: Exclude<AddressClass, "public"> }
  | { reason: "too_many_redirects"; max: number };

export interface RefusalWording {
  /** Whose URL it is: "source", "provider", "guide". */
  label: string;
  /** The setting that lets private addresses through, named in the hint. */
  setting: string;
  /** The refused URL came from a redirect. */
  redirected: boolean;
}

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

export function refusalMessage(refusal: OutboundRefusal, wording: RefusalWording): string {
  const { label, redirected } = wording;
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
      const what = `${CLASS_NAMES[refusal.addressClass]} address; refused (set ${wording.setting} for local ${label}s)`;
      return redirected
        ? `The ${label} redirected to ${where}, ${what}`
        : `The ${label}'s address ${where} is ${what}`;
    }
    case "too_many_redirects":
      return `The ${label} redirected more than ${refusal.max} times; gave up`;
  }
}

/** Thrown by a guarded fetch instead of connecting. */
export class OutboundRefusedError extends Error {
  override readonly name = "OutboundRefusedError";
  readonly refusal: OutboundRefusal;
  readonly redirected: boolean;

  constructor(refusal: OutboundRefusal, wording: RefusalWording) {
    super(refusalMessage(refusal, wording));
    this.refusal = refusal;
    this.redirected = wording.redirected;
  }
}
