/**
 * VOD through the edge: byte ranges pass straight to the upstream and the upstream body streams
 * back untouched (flat memory, no buffering), failing over between sources before the first byte.
 */
import { EdgeError } from "../errors/edge-error.ts";
import { errorFields, type Logger } from "../logger.ts";
import type { UpstreamFetch } from "../net/guarded-fetch.ts";
import { forwardedRequestHeaders, forwardedResponseHeaders } from "../upstream/forward.ts";
import type { Source } from "../upstream/source.ts";

export interface VodProxyDeps {
  fetch: UpstreamFetch;
  /** Time allowed for an upstream to answer with headers (not for the body). */
  connectTimeoutMs: number;
  logger: Logger;
}

/** Upstream statuses that mean "try the next source" rather than "tell the viewer". */
function isSourceFailure(status: number): boolean {
  return status >= 500 || status === 404 || status === 403 || status === 401 || status === 429;
}

async function attempt(deps: VodProxyDeps, source: Source, request: Request): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.connectTimeoutMs);
  try {
    return await deps.fetch(source.url, {
      method: request.method === "HEAD" ? "HEAD" : "GET",
      headers: forwardedRequestHeaders(request),
      signal: controller.signal,
      redirect: "follow",
      // Let the body keep flowing after the headers: only the wait for headers is timed.
    });
  } finally {
    clearTimeout(timer);
  }
}

/** Proxies one VOD request to the first source that serves it. */
export async function proxyVod(deps: VodProxyDeps, sources: Source[], request: Request): Promise<Response> {
  if (sources.length === 0) throw new EdgeError("no_source", "The stream has no file source");
  for (const source of sources) {
    let upstream: Response;
    try {
      upstream = await attempt(deps, source, request);
    } catch (error) {
      deps.logger.warn({ sourceId: source.id, ...errorFields(error) }, "VOD source failed");
      continue;
    }
    if (isSourceFailure(upstream.status)) {
      deps.logger.warn({ sourceId: source.id, status: upstream.status }, "VOD source refused");
      await upstream.body?.cancel();
      continue;
    }
    const headers = forwardedResponseHeaders(upstream);
    if (!headers.has("accept-ranges")) headers.set("accept-ranges", "bytes");
    return new Response(request.method === "HEAD" ? null : upstream.body, {
      status: upstream.status,
      headers,
    });
  }
  throw new EdgeError("upstream_failed", "No VOD source answered");
}
