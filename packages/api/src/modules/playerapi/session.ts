/**
 * A player request's line: who it is, whether it may watch now (the entitlements decision,
 * plus the account's own status), and the Xtream Codes `user_info` / `server_info` blocks
 * built from it.
 */
import type { AppContext } from "../../context.ts";
import { type Entitlement, viewerEntitlement } from "../catalog/mod.ts";
import type { DenialCode } from "../entitlements/mod.ts";
import { slotKey } from "../screens/screen-keys.ts";
import { findLatestSubscription, type Subscription } from "../subscriptions/mod.ts";
import { getUserInStore } from "../users/mod.ts";
import { findLine } from "./lines.ts";
import type { LineDoc } from "./model.ts";

type Ctx = Pick<AppContext, "store" | "cache" | "config">;

export interface LineSession {
  line: LineDoc;
  password: string;
  storeId: string;
  viewerId: string;
  /** Null when the line may not watch now. */
  entitlement: Entitlement | null;
  /** Why not, when it may not (an error code the player routes answer with). */
  denial: DenialCode | "account_disabled" | null;
  subscription: Subscription | null;
  /** The line's players holding a screen now (its open connections, as panels count them). */
  activeConnections: number;
}

/** Null for wrong credentials; otherwise the session, active or not. */
export async function openLine(
  ctx: Ctx,
  storeId: string,
  username: string | undefined,
  password: string | undefined,
): Promise<LineSession | null> {
  const line = await findLine(ctx, storeId, username, password);
  if (!line || password === undefined) return null;
  const viewerId = line.viewerId;
  const [user, result, subscription] = await Promise.all([
    getUserInStore(ctx, storeId, viewerId),
    viewerEntitlement(ctx, storeId, viewerId),
    findLatestSubscription(ctx, storeId, viewerId),
  ]);
  const screens = await ctx.cache.slotMembers(slotKey({ storeId, viewerId }));
  const activeConnections = screens.filter((sid) => sid.startsWith(`line:${line._id}:`)).length;
  const session = { line, password, storeId, viewerId, subscription, activeConnections };
  if (user?.status !== "active") return { ...session, entitlement: null, denial: "account_disabled" };
  if (!result.ok) return { ...session, entitlement: null, denial: result.code };
  return { ...session, entitlement: result.entitlement, denial: null };
}

const STATUS: Record<string, string> = {
  subscription_expired: "Expired",
  subscription_suspended: "Banned",
  account_disabled: "Disabled",
  store_suspended: "Disabled",
  no_subscription: "Expired",
};

const seconds = (iso: string | null | undefined): string =>
  iso ? String(Math.floor(Date.parse(iso) / 1000)) : "";

/** `user_info` as Xtream Codes panels send it: numbers as strings, formats as a list. */
export function userInfo(session: LineSession) {
  const active = session.entitlement !== null;
  return {
    username: session.line.username,
    password: session.password,
    message: "",
    auth: 1,
    status: active ? "Active" : (STATUS[session.denial ?? ""] ?? "Disabled"),
    exp_date: seconds(session.subscription?.endsAt),
    is_trial: "0",
    active_cons: String(session.activeConnections),
    created_at: seconds(session.line.createdAt),
    max_connections: String(session.entitlement?.screens ?? 0),
    allowed_output_formats: ["m3u8", "ts"],
  };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, as panels print times. */
export function panelTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `server_info` for the address the player reached us at. */
export function serverInfo(serverUrl: string) {
  const url = new URL(serverUrl);
  const https = url.protocol === "https:";
  const port = url.port || (https ? "443" : "80");
  const now = Date.now();
  return {
    url: url.hostname,
    port: https ? "80" : port,
    https_port: https ? port : "443",
    server_protocol: https ? "https" : "http",
    rtmp_port: "0",
    timezone: "UTC",
    timestamp_now: Math.floor(now / 1000),
    time_now: panelTime(now),
  };
}
