/**
 * The second way a re-import recognises an item: playlists whose stream URLs carry a token
 * that changes on every download (`…/one.m3u8?token=…`), or whose host moved (another CDN,
 * the demo origin under a new PUBLIC_URL), give every entry a new upstream key. Such an entry
 * is the item of the same type, `tvg-id` and URL path (no host, no query) that this import
 * has not matched yet, when exactly one item fits ("tvg-id + URL"; entries without a tvg-id,
 * such as films, by the path alone). Xtream-style URLs are known by their
 * stream id and need no alias.
 */
import type { ItemType } from "./model.ts";

/** Only URL keys (`u:<template>`) have aliases; stream-id keys (`x:…`) are stable. */
export function aliasOf(type: string, epgId: string | null | undefined, key: string): string | null {
  if (!key.startsWith("u:")) return null;
  const url = key.slice(2).replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  const cut = url.search(/[?#]/);
  return `${type}\u0000${epgId ?? ""}\u0000${cut < 0 ? url : url.slice(0, cut)}`;
}

export class ImportAliases {
  readonly #keys = new Map<string, string[]>();

  add(type: ItemType, epgId: string | null | undefined, key: string): void {
    const alias = aliasOf(type, epgId, key);
    if (alias === null) return;
    const list = this.#keys.get(alias);
    if (list) list.push(key);
    else this.#keys.set(alias, [key]);
  }

  /**
   * The one key of `alias` to take: among the keys `open` allows, the one still listed, else
   * the one marked missing; undefined when none or several fit (a guess could swap channels).
   */
  pick(alias: string, open: (key: string) => "listed" | "missing" | null): string | undefined {
    const listed: string[] = [];
    const missing: string[] = [];
    for (const key of this.#keys.get(alias) ?? []) {
      const state = open(key);
      if (state === "listed") listed.push(key);
      else if (state === "missing") missing.push(key);
    }
    const pool = listed.length > 0 ? listed : missing;
    return pool.length === 1 ? pool[0] : undefined;
  }
}
