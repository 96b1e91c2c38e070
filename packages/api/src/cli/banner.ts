/**
 * What `start` prints for the person at the terminal: where the web app, the platform admin's
 * console and the API are, and how to get in. Development prints the demo logins with their
 * passwords; production prints no password, ever (a demo viewer's playlist URL carries one too).
 */
import type { Config } from "../config/config.ts";
import { DEMO_LOGINS, DEMO_STORE_SLUG } from "../demo/seed.ts";

/** The web app's path where platform admins sign in (the storefront login is for a store's accounts). */
export const ADMIN_PATH = "/admin";

export interface BannerInput {
  config: Pick<Config, "isProduction" | "DATABASE_URL" | "CACHE_URL"> & {
    readonly WEB_URL?: string | undefined;
  };
  apiUrl: string;
  /** What the demo seed made, when it ran. */
  demo?: { channels: number; m3uUrl: string | null };
  /** Whether a platform admin exists (production without demo data says how to make the first). */
  hasAdmin: boolean;
}

function runsOn(config: BannerInput["config"]): string {
  const storage = config.DATABASE_URL.startsWith("sqlite:") ? "SQLite" : "MongoDB";
  const cache = config.CACHE_URL.startsWith("memory:") ? "in-process cache" : "Redis";
  return `${storage} + ${cache}`;
}

export function banner({ config, apiUrl, demo, hasAdmin }: BannerInput): string {
  const web = config.WEB_URL;
  const mode = config.isProduction ? "production" : "development";
  const lines = [
    "",
    `  NeveWatch is running (${mode}: ${runsOn(config)}, ${demo ? "demo data" : "no demo data"})`,
    "",
    ...(web ? [`  Web app:   ${web}/${demo ? `?store=${DEMO_STORE_SLUG}` : ""}`] : []),
    `  Platform admin console: ${web ? `${web}${ADMIN_PATH}` : `the web app's ${ADMIN_PATH} path`}`,
    `    (platform admins sign in there; the storefront login is for a store's owners, staff and viewers)`,
    `  API:       ${apiUrl}   (docs: ${apiUrl}/openapi)`,
  ];
  if (!hasAdmin)
    lines.push(
      "",
      "  No platform admin exists yet. Create the first one with:",
      "    nevewatch-api admin create --email <e-mail> --password <password>",
    );
  if (!demo) return [...lines, ""].join("\n");
  lines.push("", `  Demo store "${DEMO_STORE_SLUG}" with ${demo.channels} live channels.`);
  if (demo.m3uUrl && !config.isProduction)
    lines.push("  The demo viewer's playlist for VLC, ffplay or any IPTV app:", `    ${demo.m3uUrl}`);
  const logins = Object.entries(DEMO_LOGINS).map(([role, login]) =>
    `    ${role.padEnd(7)} ${login.email.padEnd(24)} ${config.isProduction ? "" : login.password}`.trimEnd(),
  );
  lines.push("", "  Logins:", ...logins);
  if (config.isProduction)
    lines.push(
      "",
      "  The demo accounts have the published demo passwords: change them, or remove the demo",
      "  store, before anyone else can reach this server.",
    );
  return [...lines, ""].join("\n");
}
