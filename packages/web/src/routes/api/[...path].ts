/**
 * Mounts the same-origin API proxy (`server/api-proxy.ts`) on `/api/*`.
 */
import type { APIEvent } from "@solidjs/start/server";
import { type ApiProxy, createApiProxy } from "../../server/api-proxy.ts";
import { webConfig } from "../../server/config.ts";

let proxy: ApiProxy | undefined;

function handle({ request, clientAddress }: APIEvent): Promise<Response> {
  proxy ??= createApiProxy({
    apiUrl: webConfig().apiUrl,
    refreshCookieMaxAgeSec: webConfig().refreshCookieMaxAgeSec,
  });
  return proxy(request, clientAddress);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
export const HEAD = handle;
