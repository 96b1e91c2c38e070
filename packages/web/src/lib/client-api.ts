/**
 * The browser's API client: same-origin `/api` proxy, the store's slug as `X-Store`, tokens in
 * localStorage (one session per store). Authenticated pages load their data through it.
 */
import { createClient, memoryTokenStore, type NeveWatchClient, webStorageTokenStore } from "@nevewatch/sdk";
import { isServer } from "solid-js/web";

const clients = new Map<string, NeveWatchClient>();

export function clientApi(storeSlug: string | null): NeveWatchClient {
  const key = storeSlug ?? "";
  let client = clients.get(key);
  if (!client) {
    const tokens = isServer
      ? memoryTokenStore()
      : webStorageTokenStore(localStorage, `nevewatch.tokens.${key || "platform"}`);
    // No slug: the platform's own session; "-" tells the /api proxy to name no store.
    client = createClient({ baseUrl: "/api", store: storeSlug ?? "-", tokens });
    clients.set(key, client);
  }
  return client;
}
