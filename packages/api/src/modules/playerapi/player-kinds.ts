/**
 * The kinds of player stream URLs, `/live|movie|series/{user}/{pass}/{id}.{ext}`, as Xtream Codes
 * panels name them (a `series` URL plays an episode), and the catalog item type each one plays;
 * the route's stream type follows from the item type (the catalog's `streamTypeOf`).
 */
import type { PlayableItemType } from "../catalog/mod.ts";

export const PLAYER_KINDS = ["live", "movie", "series"] as const;
export type PlayerKind = (typeof PLAYER_KINDS)[number];

const ITEM_TYPE = { live: "live", movie: "movie", series: "episode" } as const satisfies Record<
  PlayerKind,
  PlayableItemType
>;

export function itemTypeOfKind(kind: PlayerKind): PlayableItemType {
  return ITEM_TYPE[kind];
}
