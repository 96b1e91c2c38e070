/**
 * Server-to-server calls to the API on behalf of a page request: the API sees the visitor's
 * host and store, so it resolves the same store the visitor asked for.
 */
import { webConfig } from "./config.ts";
import { forwardedHeaders } from "./store-ref.ts";

/** A page never waits longer than this on the API: it renders with what it has instead. */
const SERVER_API_TIMEOUT_MS = 5000;

export async function serverApi(
  request: Request | undefined,
  path: string,
  init: RequestInit = {},
  clientAddress?: string,
): Promise<Response> {
  const headers = request ? forwardedHeaders(request, clientAddress) : new Headers();
  new Headers(init.headers).forEach((value, key) => {
    headers.set(key, value);
  });
  try {
    return await fetch(`${webConfig().apiUrl}${path}`, {
      ...init,
      headers,
      signal: init.signal ?? AbortSignal.timeout(SERVER_API_TIMEOUT_MS),
    });
  } catch {
    return new Response(null, { status: 503 });
  }
}
