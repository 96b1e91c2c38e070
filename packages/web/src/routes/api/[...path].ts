/**
 * Same-origin proxy to the API: the browser calls `/api/v1/...`, so there is no CORS and the
 * store resolves exactly as for the page (forwarded `Host`, `X-Store`, the demo cookie).
 */
import type { APIEvent } from "@solidjs/start/server";
import { webConfig } from "../../server/config.ts";
import { forwardedHeaders } from "../../server/store-ref.ts";

const PASSED_REQUEST_HEADERS = [
  "authorization",
  "content-type",
  "accept",
  "x-api-key",
  "if-match",
  "if-none-match",
];
const DROPPED_RESPONSE_HEADERS = ["content-encoding", "content-length", "transfer-encoding", "connection"];

async function proxy({ request, clientAddress }: APIEvent): Promise<Response> {
  const url = new URL(request.url);
  const target = `${webConfig().apiUrl}${url.pathname.replace(/^\/api/, "")}${url.search}`;
  const headers = forwardedHeaders(request, clientAddress);
  for (const name of PASSED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      redirect: "manual",
      ...(hasBody ? { body: await request.arrayBuffer() } : {}),
    });
  } catch {
    return Response.json(
      {
        type: "about:blank",
        title: "Unavailable",
        status: 503,
        detail: "The API is not reachable",
        code: "unavailable",
      },
      { status: 503, headers: { "content-type": "application/problem+json" } },
    );
  }
  const out = new Headers(upstream.headers);
  for (const name of DROPPED_RESPONSE_HEADERS) out.delete(name);
  return new Response(upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: out,
  });
}

export const GET = proxy;
export const POST = proxy;
export const PUT = proxy;
export const PATCH = proxy;
export const DELETE = proxy;
export const HEAD = proxy;
