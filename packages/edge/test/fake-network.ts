/**
 * Test doubles for the SSRF guard: names that resolve to a public address whose requests a
 * local test server answers, so the guard's checks run as they would against a real provider.
 */
import type { Logger } from "../src/logger.ts";
import type { GuardedFetchOptions, UpstreamFetch } from "../src/net/guarded-fetch.ts";
import type { Lookup } from "../src/net/resolve-public.ts";

/** A public address (example.com's) that `toLocal` routes to 127.0.0.1. */
export const PUBLIC_ADDRESS = "93.184.216.34";

/** A resolver answering from a table (other names do not resolve), keeping the names it was asked. */
export function fakeDns(table: Record<string, string[]>): Lookup & { asked: string[] } {
  const asked: string[] = [];
  const lookup = async (host: string) => {
    asked.push(host);
    return (table[host] ?? []).map((address) => ({
      address,
      family: address.includes(":") ? (6 as const) : (4 as const),
    }));
  };
  return Object.assign(lookup, { asked });
}

/** The guard's transport for tests: a request to `PUBLIC_ADDRESS` goes to 127.0.0.1, port and Host kept. */
export const toLocal: UpstreamFetch = (url, init) =>
  fetch(String(url).replace(`//${PUBLIC_ADDRESS}`, "//127.0.0.1"), init);

/** The guard as a node runs it (private addresses refused), with `cdn.example` a public name served locally. */
export function publicOnly(extra: Partial<GuardedFetchOptions> = {}): GuardedFetchOptions {
  return {
    allowPrivate: false,
    allowOrigins: [],
    lookup: fakeDns({ "cdn.example": [PUBLIC_ADDRESS] }),
    transport: toLocal,
    ...extra,
  };
}

export interface LogLine extends Record<string, unknown> {
  level: "debug" | "info" | "warn" | "error";
  msg: string | undefined;
}

/** A logger that keeps every line (children included) in `lines`. */
export function captureLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const make = (bindings: Record<string, unknown>): Logger => {
    const at =
      (level: LogLine["level"]) =>
      (fields: Record<string, unknown>, msg?: string): void => {
        lines.push({ ...bindings, ...fields, level, msg });
      };
    return {
      debug: at("debug"),
      info: at("info"),
      warn: at("warn"),
      error: at("error"),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return Object.assign(make({}), { lines });
}
