/**
 * The web server's configuration, read once from the environment (server only).
 */

export interface WebConfig {
  /** Where the web server reaches the API (server to server). */
  readonly apiUrl: string;
  /** Where browsers open the realtime WebSocket; the HTTP API they reach through `/api`. */
  readonly apiPublicUrl: string;
  /** Store shown on hosts that name none (localhost, the platform host), e.g. `demo`. */
  readonly defaultStore: string | null;
}

function load(env: Record<string, string | undefined>): WebConfig {
  const apiUrl = (env.API_URL ?? "http://127.0.0.1:8080").replace(/\/+$/, "");
  try {
    new URL(apiUrl);
  } catch {
    throw new Error(`API_URL "${apiUrl}" is not a URL`);
  }
  return Object.freeze({
    apiUrl,
    apiPublicUrl: (env.API_PUBLIC_URL ?? apiUrl).replace(/\/+$/, ""),
    defaultStore: env.DEFAULT_STORE?.trim() || null,
  });
}

let config: WebConfig | undefined;

export function webConfig(): WebConfig {
  config ??= load(process.env);
  return config;
}
