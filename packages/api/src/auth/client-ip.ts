/**
 * The caller's address, for rate limits, lock-outs and audit entries. `X-Forwarded-For` is
 * believed only when the operator says a proxy sets it; otherwise anyone could pick an address.
 */
import { receivedRequest, requestIdOf } from "../http/pipeline.ts";

interface AddressSource {
  requestIP(request: Request): { address: string } | null;
}

export function clientIp(
  request: Request,
  server: AddressSource | null | undefined,
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return server?.requestIP(receivedRequest(request))?.address ?? "unknown";
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** Address, user agent and request id of a request, for sessions and audit entries. */
export function requestMeta(
  context: {
    request: Request;
    server: AddressSource | null | undefined;
    set: { headers: Record<string, unknown> };
  },
  trustProxy: boolean,
): RequestMeta {
  const ip = clientIp(context.request, context.server, trustProxy);
  return {
    ip: ip === "unknown" ? null : ip,
    userAgent: context.request.headers.get("user-agent"),
    requestId: requestIdOf(context.request),
  };
}
