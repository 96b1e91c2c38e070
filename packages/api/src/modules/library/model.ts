/**
 * Per-profile viewer state: favorites and watch progress (which is also the recently watched
 * list and, for movies and episodes not finished, continue watching).
 */
import { t } from "elysia";
import type { BaseDoc, CollectionDef } from "../../db/port.ts";
import { ItemSchema } from "../catalog/mod.ts";
import { ProgrammeSchema } from "../epg/mod.ts";

export type EntryKind = "favorite" | "progress";

export interface LibraryEntryDoc extends BaseDoc {
  storeId: string;
  viewerId: string;
  profileId: string;
  kind: EntryKind;
  itemId: string;
  /** Progress: seconds into the item, and its length when the player knows it. */
  position: number | null;
  duration: number | null;
  updatedAt: string;
}

export const LIBRARY_COLLECTION: CollectionDef = {
  name: "library_entries",
  indexes: [
    {
      fields: [
        ["storeId", 1],
        ["profileId", 1],
        ["kind", 1],
        ["itemId", 1],
      ],
      unique: true,
    },
    {
      fields: [
        ["storeId", 1],
        ["profileId", 1],
        ["kind", 1],
        ["updatedAt", -1],
      ],
    },
  ],
};

/** Past this share of its length an item counts as finished and leaves continue watching. */
export const FINISHED_RATIO = 0.95;

/** `:id` like the profiles module's own routes: the router needs one name per path position. */
export const ProfileParams = t.Object({ id: t.String({ minLength: 1, maxLength: 64 }) });
export const ProfileItemParams = t.Object({
  id: t.String({ minLength: 1, maxLength: 64 }),
  itemId: t.String({ minLength: 1, maxLength: 64 }),
});

export const ProgressBody = t.Object(
  {
    position: t.Number({ minimum: 0, maximum: 1_000_000, description: "Seconds watched" }),
    duration: t.Optional(
      t.Number({ minimum: 0, maximum: 1_000_000, description: "Length in seconds, if known" }),
    ),
  },
  { additionalProperties: false, examples: [{ position: 1834, duration: 7200 }] },
);

export const LibraryItem = t.Object({
  item: ItemSchema,
  position: t.Union([t.Number(), t.Null()]),
  duration: t.Union([t.Number(), t.Null()]),
  updatedAt: t.String({ format: "date-time" }),
});
export const LibraryList = t.Object({ items: t.Array(LibraryItem) });

export const SearchQuery = t.Object({
  q: t.String({
    minLength: 1,
    maxLength: 100,
    description: "Word prefix; matches the first two words of names",
  }),
  limit: t.Optional(t.Numeric({ minimum: 1, maximum: 50 })),
});

export const SearchAnswer = t.Object({
  channels: t.Array(ItemSchema),
  movies: t.Array(ItemSchema),
  series: t.Array(ItemSchema),
  programmes: t.Array(t.Object({ channelId: t.String(), programme: ProgrammeSchema })),
});
