/**
 * Test helpers for key rotation: fixed keys, providers created through the service under a
 * given key, and every stored sealed value read back.
 */
import type { AppContext } from "../../context.ts";
import { newId } from "../../db/mod.ts";
import type { AccountInput } from "./model.ts";
import { SEALED_FIELDS, type SealedField } from "./reseal-credentials.ts";
import type { KeyConfig } from "./secret-box.ts";
import { createProvider, providers, providersCollectionAll } from "./service.ts";

export const KEY_A = Buffer.alloc(32, 0xa1).toString("base64");
export const KEY_B = Buffer.alloc(32, 0xb2).toString("base64");
export const KEY_C = Buffer.alloc(32, 0xc3).toString("base64");

export function keys(current: string, ...previous: string[]): KeyConfig {
  return { ENCRYPTION_KEY: current, ENCRYPTION_KEYS_PREVIOUS: previous.join(",") };
}

const SYSTEM = { principal: null, ip: null, requestId: null };

/** Creates a provider in a new store (or `storeId`) with its secrets sealed under `key`. */
export async function providerUnder(
  ctx: Pick<AppContext, "store" | "config">,
  key: KeyConfig,
  kind: "m3u" | "xtream",
  accounts: AccountInput[],
  storeId: string = newId(),
) {
  const under = { ...ctx, config: { ...ctx.config, ...key } };
  return createProvider(
    under,
    storeId,
    {
      name: `${kind} provider`,
      kind,
      ...(kind === "xtream" ? { baseUrl: "http://panel.example:8080" } : {}),
      accounts,
    },
    SYSTEM,
  );
}

/** A store's providers as stored, for tests that plant values the routes would never write. */
export const storedProviders = providers;

export interface StoredValue {
  providerId: string;
  accountId: string;
  field: SealedField;
  sealed: string;
}

/** Every sealed value in storage, in a stable order. */
export async function storedValues(ctx: Pick<AppContext, "store">): Promise<StoredValue[]> {
  const out: StoredValue[] = [];
  for await (const doc of providersCollectionAll(ctx))
    for (const account of doc.accounts)
      for (const field of SEALED_FIELDS) {
        const sealed = account[field];
        if (sealed !== null) out.push({ providerId: doc._id, accountId: account.id, field, sealed });
      }
  return out;
}
