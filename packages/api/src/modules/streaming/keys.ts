/**
 * The Ed25519 key pair that signs route tokens. Production takes both halves from config;
 * development generates a pair once and keeps it under DATA_DIR so tokens survive restarts.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateRouteKeyPair, type RouteKeyPair } from "@nevewatch/edge";
import type { Config } from "../../config/config.ts";

export async function loadRouteKeys(config: Config): Promise<RouteKeyPair> {
  if (config.ROUTE_TOKEN_PRIVATE_KEY && config.ROUTE_TOKEN_PUBLIC_KEY)
    return { privateKey: config.ROUTE_TOKEN_PRIVATE_KEY, publicKey: config.ROUTE_TOKEN_PUBLIC_KEY };
  const file = join(config.DATA_DIR, "route-keys.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as RouteKeyPair;
  const pair = await generateRouteKeyPair();
  writeFileSync(file, JSON.stringify(pair), { mode: 0o600 });
  return pair;
}
