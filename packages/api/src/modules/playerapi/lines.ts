/**
 * Player lines: created on first use, regenerated on request (the old credentials stop working
 * at once), and checked for every player request in constant time.
 */
import { timingSafeEqual } from "node:crypto";
import { recordAudit } from "../../audit/mod.ts";
import type { Actor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { scoped } from "../../db/mod.ts";
import type { Collection } from "../../db/port.ts";
import { AppError, isAppError } from "../../errors/app-error.ts";
import { openSecret, sealSecret } from "../providers/mod.ts";
import { LINES_COLLECTION, type Line, type LineDoc } from "./model.ts";

type Ctx = Pick<AppContext, "store" | "config">;

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

function randomText(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

export function lines(ctx: Pick<AppContext, "store">, storeId: string): Collection<LineDoc> {
  return scoped(ctx.store.collection<LineDoc>(LINES_COLLECTION), storeId);
}

/**
 * The store a player request is for: the one its host names, else the one whose line has this
 * (globally unique, random) username. Players are given a plain server URL and cannot send
 * `X-Store`; on an address that names no store (the demo on 127.0.0.1) the line says which.
 */
export async function storeForLine(
  ctx: Pick<AppContext, "store">,
  tenant: { _id: string } | null,
  username: string | undefined,
): Promise<string | null> {
  if (tenant) return tenant._id;
  if (!username) return null;
  const line = await ctx.store.collection<LineDoc>(LINES_COLLECTION).findOne({ username });
  return line?.storeId ?? null;
}

export async function toLine(ctx: Ctx, doc: LineDoc, serverUrl: string): Promise<Line> {
  const password = await openSecret(ctx.config, doc.password);
  const q = `username=${encodeURIComponent(doc.username)}&password=${encodeURIComponent(password)}`;
  return {
    username: doc.username,
    password,
    serverUrl,
    m3uUrl: `${serverUrl}/get.php?${q}&type=m3u_plus&output=ts`,
    xmltvUrl: `${serverUrl}/xmltv.php?${q}`,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

/** The viewer's line, created the first time it is asked for. */
export async function ensureLine(ctx: Ctx, storeId: string, viewerId: string): Promise<LineDoc> {
  const existing = await lines(ctx, storeId).findOne({ viewerId });
  if (existing) return existing;
  const now = new Date().toISOString();
  try {
    return await lines(ctx, storeId).insert({
      storeId,
      viewerId,
      username: randomText(10),
      password: await sealSecret(ctx.config, randomText(12)),
      createdAt: now,
      updatedAt: now,
    });
  } catch (error: unknown) {
    // Two first requests at once: the other one created it.
    if (!isAppError(error) || error.code !== "duplicate") throw error;
    const raced = await lines(ctx, storeId).findOne({ viewerId });
    if (!raced) throw error;
    return raced;
  }
}

/** New username and password; the previous ones stop working immediately. */
export async function regenerateLine(
  ctx: Ctx,
  storeId: string,
  viewerId: string,
  by: Actor,
): Promise<LineDoc> {
  const line = await ensureLine(ctx, storeId, viewerId);
  const updated = await lines(ctx, storeId).update(line._id, {
    username: randomText(10),
    password: await sealSecret(ctx.config, randomText(12)),
    updatedAt: new Date().toISOString(),
  });
  if (!updated) throw new AppError("not_found", "Line not found");
  await recordAudit(ctx, {
    actor: by.principal,
    action: "player_line.regenerate",
    storeId,
    target: { type: "user", id: viewerId },
    ip: by.ip,
    requestId: by.requestId,
  });
  return updated;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The line these credentials open, or null. */
export async function findLine(
  ctx: Ctx,
  storeId: string,
  username: string | undefined,
  password: string | undefined,
): Promise<LineDoc | null> {
  if (!username || !password) return null;
  const line = await lines(ctx, storeId).findOne({ username });
  if (!line) return null;
  return same(await openSecret(ctx.config, line.password), password) ? line : null;
}
