/**
 * Public storefront data, loaded on the server (SSR and client navigations alike call these
 * server functions), so pages render with the store's branding and plans for crawlers too.
 */
import type { ResponseBody } from "@nevewatch/sdk";
import { query } from "@solidjs/router";
import { getRequestEvent } from "solid-js/web";

export type PublicStore = ResponseBody<"/v1/public/store", "get">;
export type PublicPlan = ResponseBody<"/v1/public/plans", "get">["items"][number];

/** The store this page is for, or null (no store named: the platform's own pages). */
export const getStore = query(async (): Promise<PublicStore | null> => {
  "use server";
  const { serverApi } = await import("../server/server-api.ts");
  const response = await serverApi(
    getRequestEvent()?.request,
    "/v1/public/store",
    {},
    getRequestEvent()?.clientAddress,
  );
  if (response.status === 404 || response.status === 403) return null;
  if (response.status === 503)
    throw new Error("The service is not reachable right now. Try again in a moment.");
  if (!response.ok) throw new Error(`The store could not be loaded (${response.status})`);
  return (await response.json()) as PublicStore;
}, "store");

export const getPublicPlans = query(async (): Promise<PublicPlan[]> => {
  "use server";
  const { serverApi } = await import("../server/server-api.ts");
  const response = await serverApi(
    getRequestEvent()?.request,
    "/v1/public/plans",
    {},
    getRequestEvent()?.clientAddress,
  );
  if (!response.ok) return [];
  return ((await response.json()) as { items: PublicPlan[] }).items;
}, "public-plans");

/** Where the browser opens the realtime WebSocket. */
export const getRealtimeBase = query(async (): Promise<string> => {
  "use server";
  const { webConfig } = await import("../server/config.ts");
  return webConfig().apiPublicUrl;
}, "realtime-base");
