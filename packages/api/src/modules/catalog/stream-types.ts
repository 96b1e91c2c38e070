/**
 * Two vocabularies for what plays, and the one translation between them. The catalog names an
 * item by what it is: `live`, `movie`, `series` (a show, never played itself) and `episode`
 * (`ITEM_TYPES`). Routes, route tokens and the edge name a stream by how it is served: `live`,
 * `vod` (a film) and `series` (an episode), the edge's `STREAM_TYPES`, the one definition of the
 * wire's stream type.
 */
import type { StreamType } from "@nevewatch/edge";
import type { ItemType } from "./model.ts";

/** The item types that stream: every type but the series itself. */
export type PlayableItemType = Exclude<ItemType, "series">;

const STREAM_TYPE = { live: "live", movie: "vod", episode: "series" } as const satisfies Record<
  PlayableItemType,
  StreamType
>;
const ITEM_TYPE = { live: "live", vod: "movie", series: "episode" } as const satisfies Record<
  StreamType,
  PlayableItemType
>;

/** The route stream type an item plays as; null for a series, whose episodes play instead. */
export function streamTypeOf(type: PlayableItemType): StreamType;
export function streamTypeOf(type: ItemType): StreamType | null;
export function streamTypeOf(type: ItemType): StreamType | null {
  return type === "series" ? null : STREAM_TYPE[type];
}

/** The item type a route stream type plays. */
export function itemTypeOf(type: StreamType): PlayableItemType {
  return ITEM_TYPE[type];
}
