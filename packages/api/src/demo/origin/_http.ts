/**
 * Response helpers shared by the origin's routes. Every response allows any origin: the web app,
 * the TV apps and hls.js fetch these URLs cross-origin, and nothing here is private.
 */
import { AppError } from "../../errors/app-error.ts";
import { problemResponse } from "../../http/problem.ts";

export const CONTENT_TYPES = {
  ts: "video/mp2t",
  m3u8: "application/vnd.apple.mpegurl",
  m3u: "audio/x-mpegurl; charset=utf-8",
  xml: "application/xml; charset=utf-8",
  svg: "image/svg+xml",
  mp4: "video/mp4",
  json: "application/json; charset=utf-8",
} as const;

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "content-length, content-range, accept-ranges",
} as const;

export function headersFor(contentType: string, cacheControl: string): Headers {
  return new Headers({ ...CORS, "content-type": contentType, "cache-control": cacheControl });
}

export function ok(
  request: Request,
  body: string | Uint8Array<ArrayBuffer>,
  contentType: string,
  cacheControl: string,
): Response {
  const headers = headersFor(contentType, cacheControl);
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  headers.set("content-length", String(bytes.length));
  return new Response(request.method === "HEAD" ? null : bytes, { status: 200, headers });
}

export function preflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS,
      "access-control-allow-methods": "GET, HEAD, OPTIONS",
      "access-control-allow-headers": "range",
      "access-control-max-age": "86400",
    },
  });
}

export function problem(error: AppError, instance: string, extra?: Record<string, string>): Response {
  return problemResponse(error, { instance }, { ...CORS, "cache-control": "no-store", ...extra });
}

export function notFound(what: string, instance: string): Response {
  return problem(new AppError("not_found", `${what} does not exist`), instance);
}

export { AppError };
