/** Matches a request to its route and turns every failure into a problem+json response. */
import { EdgeError, isEdgeError, problemResponse } from "../errors/edge-error.ts";
import { errorFields } from "../logger.ts";
import { preflight, withCors } from "./cors.ts";
import type { EdgeContext } from "./edge-context.ts";
import type { EdgeStats } from "./edge-stats.ts";
import { hlsEntryRoute, hlsPlaylistRoute, hlsResourceRoute } from "./hls-routes.ts";
import { liveRoute } from "./live-route.ts";
import { metricsText } from "./metrics-text.ts";
import { vodRoute } from "./vod-route.ts";

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

function health(stats: EdgeStats): Response {
  const body = {
    status: stats.draining ? "draining" : "ok",
    nodeId: stats.nodeId,
    version: stats.version,
    viewers: stats.viewers,
    upstreams: stats.upstreams,
    sessions: stats.sessions,
    draining: stats.draining,
  };
  // 503 while draining, so load balancers stop sending new viewers here.
  return json(body, stats.draining ? 503 : 200);
}

async function route(
  context: EdgeContext,
  request: Request,
  path: string,
  stats: () => EdgeStats,
): Promise<Response> {
  const parts = path.split("/").slice(1).map(decodeURIComponent);
  const [head, a, b, c, d] = parts;
  const n = parts.length;
  const read = request.method === "GET" || request.method === "HEAD";
  if (!read) throw new EdgeError("method_not_allowed", `Method ${request.method} is not allowed`);
  if (n === 1 && head === "health") return health(stats());
  if (n === 1 && head === "metrics") {
    return new Response(metricsText(stats()), { headers: { "content-type": "text/plain; version=0.0.4" } });
  }
  if (n === 2 && head === "live" && a?.endsWith(".ts") && a.length > 3) {
    return liveRoute(context, request, a.slice(0, -3));
  }
  if (head === "hls" && a === "s" && b !== undefined) {
    if (n === 4 && c === "index.m3u8") return hlsPlaylistRoute(context, b);
    if (n === 6 && c !== undefined && d !== undefined) return hlsResourceRoute(context, request, b, c, d);
  }
  if (n === 3 && head === "hls" && a !== undefined && b === "index.m3u8")
    return hlsEntryRoute(context, request, a);
  if (n === 3 && head === "vod" && (a === "vod" || a === "series") && b !== undefined && b !== "") {
    return vodRoute(context, request, a, b);
  }
  throw new EdgeError("route_not_found", `No route for ${request.method} ${path}`);
}

export async function handleRequest(
  context: EdgeContext,
  request: Request,
  stats: () => EdgeStats,
): Promise<Response> {
  if (request.method === "OPTIONS") return preflight();
  return withCors(await answer(context, request, stats));
}

async function answer(context: EdgeContext, request: Request, stats: () => EdgeStats): Promise<Response> {
  const url = new URL(request.url);
  const prefix = context.config.prefix;
  const path =
    prefix === ""
      ? url.pathname
      : url.pathname.startsWith(`${prefix}/`)
        ? url.pathname.slice(prefix.length)
        : undefined;
  try {
    if (path === undefined)
      throw new EdgeError("route_not_found", `No route for ${request.method} ${url.pathname}`);
    return await route(context, request, path, stats);
  } catch (error) {
    // Request ids only cost something on the error path: taken from the caller or made up here.
    const requestId = request.headers.get("x-request-id") ?? crypto.randomUUID();
    const problem = { instance: url.pathname, requestId };
    if (isEdgeError(error)) {
      if (error.status >= 500)
        context.logger.warn({ path: url.pathname, code: error.code, requestId }, error.message);
      return problemResponse(error, problem, { "x-request-id": requestId });
    }
    if (error instanceof URIError) {
      return problemResponse(new EdgeError("route_not_found", "Malformed path"), problem, {
        "x-request-id": requestId,
      });
    }
    context.logger.error({ path: url.pathname, requestId, ...errorFields(error) }, "edge request failed");
    return problemResponse(new EdgeError("internal", "The edge failed to handle the request"), problem, {
      "x-request-id": requestId,
    });
  }
}
