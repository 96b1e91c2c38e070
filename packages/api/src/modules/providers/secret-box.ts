/**
 * Upstream credentials at rest: AES-256-GCM (Web Crypto) under `ENCRYPTION_KEY`. Each sealed
 * value names the id of the key that sealed it, so after a rotation the old key (listed in
 * `ENCRYPTION_KEYS_PREVIOUS`) still opens older values until they are sealed again.
 */
import type { Config } from "../../config/config.ts";

export type KeyConfig = Pick<Config, "ENCRYPTION_KEY" | "ENCRYPTION_KEYS_PREVIOUS">;

/** `v1:<key id>:<iv>:<ciphertext+tag>`, both base64url. */
export type Sealed = string;

interface LoadedKey {
  id: string;
  key: Promise<CryptoKey>;
}

const loaded = new Map<string, LoadedKey>();

function decodeKey(base64: string): Uint8Array<ArrayBuffer> {
  const raw = Buffer.from(base64.trim(), "base64");
  if (raw.length !== 32)
    throw new Error(`An encryption key must be 32 bytes of base64, got ${raw.length} bytes`);
  return new Uint8Array(raw);
}

function load(base64: string): LoadedKey {
  let entry = loaded.get(base64);
  if (!entry) {
    const raw = decodeKey(base64);
    const id = new Bun.CryptoHasher("sha256").update(raw).digest("hex").slice(0, 12);
    entry = { id, key: crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]) };
    loaded.set(base64, entry);
  }
  return entry;
}

/** The id of the key new values are sealed with. */
export function currentKeyId(config: KeyConfig): string {
  return load(config.ENCRYPTION_KEY).id;
}

function previousKeys(config: KeyConfig): LoadedKey[] {
  return (config.ENCRYPTION_KEYS_PREVIOUS ?? "")
    .split(",")
    .filter((k) => k.trim() !== "")
    .map(load);
}

function keyById(config: KeyConfig, id: string): LoadedKey | undefined {
  return [load(config.ENCRYPTION_KEY), ...previousKeys(config)].find((k) => k.id === id);
}

/** The ids of the keys in `ENCRYPTION_KEYS_PREVIOUS` (the current key's id left out). */
export function previousKeyIds(config: KeyConfig): string[] {
  const current = currentKeyId(config);
  return [...new Set(previousKeys(config).map((k) => k.id))].filter((id) => id !== current);
}

export async function sealSecret(config: KeyConfig, plaintext: string): Promise<Sealed> {
  const { id, key } = load(config.ENCRYPTION_KEY);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new TextEncoder().encode(plaintext);
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await key, data);
  return `v1:${id}:${Buffer.from(iv).toString("base64url")}:${Buffer.from(sealed).toString("base64url")}`;
}

export async function openSecret(config: KeyConfig, sealed: Sealed): Promise<string> {
  const [version, id, iv, data] = sealed.split(":");
  if (version !== "v1" || !id || !iv || !data) throw new Error("The sealed value is malformed");
  const entry = keyById(config, id);
  if (!entry) throw new Error(`No configured encryption key has id "${id}"`);
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: Buffer.from(iv, "base64url") },
    await entry.key,
    Buffer.from(data, "base64url"),
  );
  return new TextDecoder().decode(plain);
}

/** The key id a sealed value names (to find values still under a previous key). */
export function sealedKeyId(sealed: Sealed): string {
  return sealed.split(":")[1] ?? "";
}

export type Resealed =
  | { status: "current" }
  | { status: "resealed"; value: Sealed }
  | { status: "failed"; keyId: string; reason: string };

/**
 * A value sealed again under the current key. One already under it is left as it is, and one
 * that does not open (its key is no longer configured, or it was altered) is reported, never
 * replaced, so nothing readable is ever lost.
 */
export async function resealSecret(config: KeyConfig, sealed: Sealed): Promise<Resealed> {
  const keyId = sealedKeyId(sealed);
  if (keyId === currentKeyId(config)) return { status: "current" };
  let plaintext: string;
  try {
    plaintext = await openSecret(config, sealed);
  } catch (error) {
    return { status: "failed", keyId, reason: error instanceof Error ? error.message : String(error) };
  }
  return { status: "resealed", value: await sealSecret(config, plaintext) };
}

/** Shows the first two characters so operators can tell accounts apart; never the rest. */
export function maskSecret(value: string): string {
  return value.length <= 2 ? "••••" : `${value.slice(0, 2)}••••`;
}

/** A URL with only its origin visible: paths and queries of playlist URLs carry credentials. */
export function maskUrl(url: string): string {
  try {
    return `${new URL(url).origin}/••••`;
  } catch {
    return "••••";
  }
}
