/**
 * How many stored credentials name each encryption key, read without opening or writing any:
 * what an operator checks before dropping a previous key.
 */
import type { AppContext } from "../../context.ts";
import { SEALED_FIELDS } from "./reseal-credentials.ts";
import { currentKeyId, type KeyConfig, previousKeyIds, sealedKeyId } from "./secret-box.ts";
import { providersCollectionAll } from "./service.ts";

export interface KeyUsage {
  /** "" for a value too malformed to name a key. */
  keyId: string;
  /** `previous`: listed in ENCRYPTION_KEYS_PREVIOUS; `unknown`: not configured, so it cannot be opened. */
  role: "current" | "previous" | "unknown";
  values: number;
}

export interface KeyStatus {
  values: number;
  /** The current key first, then the previous keys in their configured order (even with no values), then unknown ones. */
  keys: KeyUsage[];
}

export async function credentialKeyStatus(ctx: Pick<AppContext, "store" | "config">): Promise<KeyStatus> {
  return keyStatusOf(ctx.config, providerSealedValues(ctx));
}

async function* providerSealedValues(ctx: Pick<AppContext, "store">): AsyncGenerator<string> {
  for await (const doc of providersCollectionAll(ctx))
    for (const account of doc.accounts)
      for (const field of SEALED_FIELDS) {
        const sealed = account[field];
        if (sealed !== null) yield sealed;
      }
}

/** Counts sealed values by the key they name, with each key's role in the configuration. */
export async function keyStatusOf(config: KeyConfig, values: AsyncIterable<string>): Promise<KeyStatus> {
  const counts = new Map<string, number>();
  for await (const sealed of values) {
    const id = sealedKeyId(sealed);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const current = currentKeyId(config);
  const previous = previousKeyIds(config);
  const configured = new Set([current, ...previous]);
  const keys: KeyUsage[] = [
    { keyId: current, role: "current", values: counts.get(current) ?? 0 },
    ...previous.map((keyId) => ({ keyId, role: "previous" as const, values: counts.get(keyId) ?? 0 })),
    ...[...counts]
      .filter(([keyId]) => !configured.has(keyId))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([keyId, values]) => ({ keyId, role: "unknown" as const, values })),
  ];
  return { values: keys.reduce((sum, k) => sum + k.values, 0), keys };
}
