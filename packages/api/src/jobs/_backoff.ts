/**
 * Retry delays: exponential (base · 2^(attempt-1), capped) with "equal jitter", i.e. a random
 * point in the upper half of the window. The jitter spreads retries of jobs that failed together
 * (say, an upstream outage) so they do not all hit the upstream again in the same instant.
 */

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** A number in [0, 1); injectable so tests are deterministic. */
  random: () => number;
}

/** The delay before retrying after the `attempt`-th failed attempt (1-based). */
export function backoffMs(attempt: number, options: BackoffOptions): number {
  const exponent = Math.max(0, attempt - 1);
  const window = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(window / 2 + (options.random() * window) / 2);
}
