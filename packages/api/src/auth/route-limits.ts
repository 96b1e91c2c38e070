/**
 * Per-route-class request limits through the cache port (so they hold across instances when the
 * cache is Redis): "auth" routes (login, register, resets) are strict and counted per client
 * address, "session" (token refresh) is counted per address at the API's looser rate, the rest of
 * the API at that rate per caller. Refusals are `429 rate_limited` problems with `Retry-After`.
 */
import { Elysia } from "elysia";
import type { AppContext } from "../context.ts";
import { AppError, isAppError } from "../errors/app-error.ts";
import { createRateLimiter } from "../kv/rate-limit.ts";
import { clientIp } from "./client-ip.ts";
import type { Principal } from "./principal.ts";

export type RouteClass = "auth" | "session" | "api";

const WINDOW_MS = 60_000;

interface Headers {
  headers: Record<string, string | number>;
}

/** Sets `Retry-After` when `work` fails with a `rate_limited` error carrying `retryAfter` seconds. */
export async function withRetryAfter<T>(set: Headers, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const retryAfter =
      isAppError(error) && error.code === "rate_limited" ? error.details?.retryAfter : undefined;
    if (typeof retryAfter === "number") set.headers["retry-after"] = String(retryAfter);
    throw error;
  }
}

export function rateLimitPlugin(ctx: AppContext, routeClass: RouteClass) {
  const limiter = createRateLimiter(ctx.cache, `rl:${routeClass}:`);
  const limit =
    routeClass === "auth" ? ctx.config.RATE_LIMIT_AUTH_PER_MIN : ctx.config.RATE_LIMIT_API_PER_MIN;
  return new Elysia().onBeforeHandle({ as: "scoped" }, async (context) => {
    const { request, server, set } = context;
    const principal = (context as { principal?: Principal | null }).principal;
    const ip = clientIp(request, server, ctx.config.TRUST_PROXY);
    const key = routeClass === "api" && principal ? `${principal.kind}:${principal.id}` : `ip:${ip}`;
    const result = await limiter.hit(key, { limit, windowMs: WINDOW_MS });
    set.headers["ratelimit-limit"] = String(limit);
    set.headers["ratelimit-remaining"] = String(result.remaining);
    if (result.allowed) return;
    const retryAfter = Math.max(1, Math.ceil(result.resetMs / 1000));
    set.headers["retry-after"] = String(retryAfter);
    throw new AppError("rate_limited", "Too many requests; slow down", { retryAfter });
  });
}
