/**
 * The committed fixtures as file imports, so that `bun build --compile` carries them inside the
 * `nevewatch-api` binary (where these paths name its embedded files) while running from source
 * reads them where they lie. A test checks that this list and `../fixtures` hold the same files;
 * regenerating the fixtures (`../fixtures/generate.sh`) with new names means updating it.
 */

import hlsNeveBarsSegment0 from "../fixtures/hls/neve-bars/0.mpegts" with { type: "file" };
import hlsNeveBarsSegment1 from "../fixtures/hls/neve-bars/1.mpegts" with { type: "file" };
import hlsNeveBarsSegment2 from "../fixtures/hls/neve-bars/2.mpegts" with { type: "file" };
import hlsNeveBarsSegment3 from "../fixtures/hls/neve-bars/3.mpegts" with { type: "file" };
import hlsNeveBarsPlaylist from "../fixtures/hls/neve-bars/index.m3u8" with { type: "file" };
import hlsNeveOneSegment0 from "../fixtures/hls/neve-one/0.mpegts" with { type: "file" };
import hlsNeveOneSegment1 from "../fixtures/hls/neve-one/1.mpegts" with { type: "file" };
import hlsNeveOneSegment2 from "../fixtures/hls/neve-one/2.mpegts" with { type: "file" };
import hlsNeveOneSegment3 from "../fixtures/hls/neve-one/3.mpegts" with { type: "file" };
import hlsNeveOnePlaylist from "../fixtures/hls/neve-one/index.m3u8" with { type: "file" };
import hlsNeveRgbSegment0 from "../fixtures/hls/neve-rgb/0.mpegts" with { type: "file" };
import hlsNeveRgbSegment1 from "../fixtures/hls/neve-rgb/1.mpegts" with { type: "file" };
import hlsNeveRgbSegment2 from "../fixtures/hls/neve-rgb/2.mpegts" with { type: "file" };
import hlsNeveRgbSegment3 from "../fixtures/hls/neve-rgb/3.mpegts" with { type: "file" };
import hlsNeveRgbPlaylist from "../fixtures/hls/neve-rgb/index.m3u8" with { type: "file" };
import liveNeveBars from "../fixtures/live/neve-bars.mpegts" with { type: "file" };
import liveNeveOne from "../fixtures/live/neve-one.mpegts" with { type: "file" };
import liveNeveRgb from "../fixtures/live/neve-rgb.mpegts" with { type: "file" };
import vodNeveReel from "../fixtures/vod/neve-reel.mp4" with { type: "file" };
import type { FixtureFiles } from "./fixture-files.ts";

export const EMBEDDED_FIXTURES: FixtureFiles = new Map([
  ["hls/neve-bars/0.mpegts", hlsNeveBarsSegment0],
  ["hls/neve-bars/1.mpegts", hlsNeveBarsSegment1],
  ["hls/neve-bars/2.mpegts", hlsNeveBarsSegment2],
  ["hls/neve-bars/3.mpegts", hlsNeveBarsSegment3],
  ["hls/neve-bars/index.m3u8", hlsNeveBarsPlaylist],
  ["hls/neve-one/0.mpegts", hlsNeveOneSegment0],
  ["hls/neve-one/1.mpegts", hlsNeveOneSegment1],
  ["hls/neve-one/2.mpegts", hlsNeveOneSegment2],
  ["hls/neve-one/3.mpegts", hlsNeveOneSegment3],
  ["hls/neve-one/index.m3u8", hlsNeveOnePlaylist],
  ["hls/neve-rgb/0.mpegts", hlsNeveRgbSegment0],
  ["hls/neve-rgb/1.mpegts", hlsNeveRgbSegment1],
  ["hls/neve-rgb/2.mpegts", hlsNeveRgbSegment2],
  ["hls/neve-rgb/3.mpegts", hlsNeveRgbSegment3],
  ["hls/neve-rgb/index.m3u8", hlsNeveRgbPlaylist],
  ["live/neve-bars.mpegts", liveNeveBars],
  ["live/neve-one.mpegts", liveNeveOne],
  ["live/neve-rgb.mpegts", liveNeveRgb],
  ["vod/neve-reel.mp4", vodNeveReel],
]);
