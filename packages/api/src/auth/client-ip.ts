/**
 * The caller's address, for rate limits, lock-outs and audit entries. `X-Forwarded-For` is
 * believed (its last entry, the one the proxy appended) when the operator says a proxy sets it
 * (`TRUST_PROXY`), and from a loopback peer: a
 * proxy on this machine (the web app's same-origin API proxy, a local nginx) speaks for its
 * visitors, and nobody outside can be a loopback peer. Otherwise anyone could pick an address.
 */
import { receivedRequest, requestIdOf } from "../http/pipeline.ts";
import { addressClass } from "../net/public-address.ts";

interface AddressSource {
  requestIP(request: Request): { address: string } | null;
}

export function clientIp(
  request: Request,
  server: AddressSource | null | undefined,
  trustProxy: boolean,
): string {
  const peer = server?.requestIP(receivedRequest(request))?.address;
  if (trustProxy || (peer !== undefined && addressClass(peer) === "loopback")) {
    // The last entry is the one the proxy itself appended; earlier ones are the client's say-so.
    const forwarded = request.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return peer ?? "unknown";
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
