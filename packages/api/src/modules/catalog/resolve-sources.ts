/**
 * For the streaming side: the upstream URLs of one stream in priority order, each with the
 * account credentials applied and the account's connection limit, so route selection can
 * fail over across sources and spread viewers across accounts.
 */
import type { AppContext } from "../../context.ts";
import {
  applyCredentials,
  isTemplate,
  playableAccounts,
  type UpstreamCredentials,
} from "../providers/mod.ts";
import { findItem } from "./items.ts";
import type { SourceFormat } from "./model.ts";
import type { PlayableItemType } from "./stream-types.ts";

export interface ResolvedSource {
  /** Stable for one (item source, account): `<providerId>:<accountId>:<source index>`. */
  id: string;
  url: string;
  format: SourceFormat;
  accountId: string;
  maxConnections: number;
}

/**
 * `streamId` is the item id or its numeric xid, of type `type` (the streaming side maps its
 * stream type with `itemTypeOf`). Unknown streams, other stores' streams, disabled items and
 * disabled providers resolve to no sources.
 */
export async function resolveSources(
  ctx: Pick<AppContext, "store" | "config">,
  storeId: string,
  type: PlayableItemType,
  streamId: string,
): Promise<ResolvedSource[]> {
  const item = await findItem(ctx, storeId, streamId);
  if (!item || item.type !== type || !item.enabled) return [];
  const out: ResolvedSource[] = [];
  const providerCache = new Map<string, UpstreamCredentials[] | null>();
  for (const [index, source] of item.sources.entries()) {
    let accounts = providerCache.get(source.providerId);
    if (accounts === undefined) {
      accounts = await playableAccounts(ctx, storeId, source.providerId);
      providerCache.set(source.providerId, accounts);
    }
    for (const account of accounts ?? []) {
      out.push({
        id: `${source.providerId}:${account.accountId}:${index}`,
        url: applyCredentials(source.url, account.username, account.password),
        format: source.format,
        accountId: account.accountId,
        maxConnections: account.maxConnections,
      });
      // A URL without credentials is the same for every account: list it once.
      if (!isTemplate(source.url)) break;
    }
  }
  return out;
}
