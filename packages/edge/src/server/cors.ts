/**
 * Cross-origin access to streams: players on any origin (the web app, hls.js, third-party
 * players in browsers) fetch playlists, segments and live streams from the edge. Access is
 * granted by the route token and session-bound URLs, never by the caller's origin, so every
 * origin may read them.
 */

const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "Content-Length, Content-Range, Accept-Ranges, Content-Type",
};

/** The answer to a CORS preflight (a Range request from a page on another origin sends one). */
export function preflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      "access-control-allow-methods": "GET, HEAD, OPTIONS",
      "access-control-allow-headers": "Range, X-Request-Id",
      "access-control-max-age": "86400",
    },
  });
}

export function withCors(response: Response): Response {
  try {
    for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
    return response;
  } catch {
    // Headers of a response taken straight from fetch() are immutable: copy them once.
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(CORS_HEADERS)) headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
