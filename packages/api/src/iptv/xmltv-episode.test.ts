import { describe, expect, test } from "bun:test";
import { parseEpisodeNumber } from "./xmltv-episode.ts";

describe("parseEpisodeNumber", () => {
  test("reads zero-based xmltv_ns with totals and missing parts", () => {
    expect(parseEpisodeNumber("xmltv_ns", "0.4.")).toEqual({ season: 1, episode: 5 });
    expect(parseEpisodeNumber("xmltv_ns", "1.4/12.0/1")).toEqual({ season: 2, episode: 5 });
    expect(parseEpisodeNumber("xmltv_ns", " . 9 . ")).toEqual({ episode: 10 });
    expect(parseEpisodeNumber("xmltv_ns", "2..")).toEqual({ season: 3 });
    expect(parseEpisodeNumber("xmltv_ns", "")).toEqual({});
  });

  test("reads on-screen forms by pattern", () => {
    expect(parseEpisodeNumber("onscreen", "S02E05")).toEqual({ season: 2, episode: 5 });
    expect(parseEpisodeNumber("onscreen", "S1 E12")).toEqual({ season: 1, episode: 12 });
    expect(parseEpisodeNumber(undefined, "3x07")).toEqual({ season: 3, episode: 7 });
    expect(parseEpisodeNumber("onscreen", "E42")).toEqual({ episode: 42 });
    expect(parseEpisodeNumber("dd_progid", "EP01234567.0012")).toEqual({});
  });
});
