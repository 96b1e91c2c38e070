import { expect, test } from "bun:test";
import { STREAM_TYPES } from "@nevewatch/edge";
import { ITEM_TYPES } from "./model.ts";
import { itemTypeOf, streamTypeOf } from "./stream-types.ts";

test("a film is a movie in the catalog and vod on the wire, an episode is series; a series never streams", () => {
  expect(ITEM_TYPES.map((type) => [type, streamTypeOf(type)])).toEqual([
    ["live", "live"],
    ["movie", "vod"],
    ["series", null],
    ["episode", "series"],
  ]);
});

test("every wire stream type maps to an item type and back", () => {
  for (const type of STREAM_TYPES) expect(streamTypeOf(itemTypeOf(type))).toBe(type);
});
