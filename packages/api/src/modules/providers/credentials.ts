/**
 * Upstream credentials in clear, for the two places that need them: importers fetching a
 * playlist and `resolveSources` building a playable URL. Stream URLs are stored as templates
 * with `{username}` / `{password}` where the importing account's credentials stood, so any
 * account of the provider can be substituted when the stream is played.
 */
import type { AppContext } from "../../context.ts";
import type { ProviderDoc, UpstreamAccountDoc } from "./model.ts";
import { openSecret } from "./secret-box.ts";

export interface UpstreamCredentials {
  accountId: string;
  /** The playlist URL (M3U accounts) or the panel's M3U+ export (Xtream accounts). */
  playlistUrl: string;
  username: string | null;
  password: string | null;
  maxConnections: number;
}

const USER = "{username}";
const PASS = "{password}";

/** The accounts of a provider that may be used, in priority order, with their secrets opened. */
export async function openAccounts(
  ctx: Pick<AppContext, "config">,
  provider: ProviderDoc,
): Promise<UpstreamCredentials[]> {
  const usable = provider.accounts.filter((a) => a.enabled).sort((a, b) => a.priority - b.priority);
  return Promise.all(usable.map((account) => openAccount(ctx, provider, account)));
}

async function openAccount(
  ctx: Pick<AppContext, "config">,
  provider: ProviderDoc,
  account: UpstreamAccountDoc,
): Promise<UpstreamCredentials> {
  const open = (v: string | null) => (v === null ? Promise.resolve(null) : openSecret(ctx.config, v));
  const [url, user, pass] = await Promise.all([
    open(account.url),
    open(account.username),
    open(account.password),
  ]);
  let username = user;
  let password = pass;
  if (url !== null && (username === null || password === null)) {
    const query = safeUrl(url)?.searchParams;
    username ??= query?.get("username") ?? null;
    password ??= query?.get("password") ?? null;
  }
  const playlistUrl =
    url ??
    `${provider.baseUrl}/get.php?username=${encodeURIComponent(username ?? "")}&password=${encodeURIComponent(password ?? "")}&type=m3u_plus&output=ts`;
  return { accountId: account.id, playlistUrl, username, password, maxConnections: account.maxConnections };
}

function safeUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Replaces the account's credentials in a stream URL by placeholders: as path segments
 * (`/live/user/pass/1.ts`) and as `username=`/`password=` query values.
 */
export function toTemplate(url: string, username: string | null, password: string | null): string {
  if (!username || !password) return url;
  const u = encodeURIComponent(username);
  const p = encodeURIComponent(password);
  const segments = `/${u}/${p}/`;
  let out = url.includes(segments) ? url.split(segments).join(`/${USER}/${PASS}/`) : url;
  // Query credentials are rare in stream URLs; skip the regular expressions when there are none.
  if (!out.includes("username=") && !out.includes("password=")) return out;
  out = out.replace(/([?&])username=([^&#]*)/, (m, sep: string, v: string) =>
    v === u || v === username ? `${sep}username=${USER}` : m,
  );
  out = out.replace(/([?&])password=([^&#]*)/, (m, sep: string, v: string) =>
    v === p || v === password ? `${sep}password=${PASS}` : m,
  );
  return out;
}

/** Whether a stored URL depends on the account (holds placeholders). */
export function isTemplate(url: string): boolean {
  return url.includes(USER) || url.includes(PASS);
}

export function applyCredentials(template: string, username: string | null, password: string | null): string {
  return template
    .replaceAll(USER, encodeURIComponent(username ?? ""))
    .replaceAll(PASS, encodeURIComponent(password ?? ""));
}
