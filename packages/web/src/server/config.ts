/**
 * The web server's configuration, read once from the environment (server only).
 */
import { DEFAULT_REFRESH_MAX_AGE_SEC } from "./refresh-cookie.ts";

export interface WebConfig {
  /** Where the web server reaches the API (server to server). */
  readonly apiUrl: string;
  /** Where browsers open the realtime WebSocket; the HTTP API they reach through `/api`. */
  readonly apiPublicUrl: string;
  /** Store shown on hosts that name none (localhost, the platform host), e.g. `demo`. */
  readonly defaultStore: string | null;
  /**
   * Max-Age of the refresh-token cookie: `REFRESH_TOKEN_TTL_SEC`, the same variable the API
   * reads (its answers do not say the lifetime); default the API's 30 days.
   */
  readonly refreshCookieMaxAgeSec: number;
}

function load(env: Record<string, string | undefined>): WebConfig {
  const apiUrl = (env.API_URL ?? "http://127.0.0.1:8080").replace(/\/+$/, "");
  try {
    new URL(apiUrl);
  } catch {
    throw new Error(`API_URL "${apiUrl}" is not a URL`);
  }
  const ttl = env.REFRESH_TOKEN_TTL_SEC?.trim();
  const refreshCookieMaxAgeSec = ttl ? Number(ttl) : DEFAULT_REFRESH_MAX_AGE_SEC;
  if (!Number.isInteger(refreshCookieMaxAgeSec) || refreshCookieMaxAgeSec <= 0)
    throw new Error(`REFRESH_TOKEN_TTL_SEC "${ttl}" is not a positive whole number of seconds`);
  return Object.freeze({
    apiUrl,
    apiPublicUrl: (env.API_PUBLIC_URL ?? apiUrl).replace(/\/+$/, ""),
    defaultStore: env.DEFAULT_STORE?.trim() || null,
    refreshCookieMaxAgeSec,
  });
}

let config: WebConfig | undefined;

export function webConfig(): WebConfig {
  config ??= load(process.env);
  return config;
}
