/**
 * A live HLS channel made from one looped clip, stateless and shared by every viewer and every
 * API instance: media sequence n is clip segment n mod K in pass floor(n / K) of a loop that
 * started at the Unix epoch. Segments carry timestamps rewritten for their pass, so the
 * timeline is continuous and the playlist needs no discontinuities.
 */
import type { TsLoop } from "../mpegts/ts-loop.ts";

/** A looped clip cut into segments: `segmentStarts` are packet indices, ending with the count. */
export interface HlsLoop {
  readonly loop: TsLoop;
  readonly segmentStarts: readonly number[];
  /** Segment durations in 90 kHz ticks; they add up to `loop.duration`. */
  readonly segmentTicks: readonly number[];
}

const TICKS_PER_MS = 90;

function segmentCount(hls: HlsLoop): number {
  return hls.segmentTicks.length;
}

/** Start of each segment within a pass, in milliseconds. */
function offsetsMs(hls: HlsLoop): number[] {
  let ticks = 0;
  return hls.segmentTicks.map((duration) => {
    const start = ticks / TICKS_PER_MS;
    ticks += duration;
    return start;
  });
}

/** The sequence number of the segment that is still being "recorded" at `nowMs`. */
export function segmentAt(hls: HlsLoop, nowMs: number): number {
  const loopMs = hls.loop.duration / TICKS_PER_MS;
  const pass = Math.floor(nowMs / loopMs);
  const position = nowMs - pass * loopMs;
  const index = offsetsMs(hls).findLastIndex((start) => start <= position);
  return pass * segmentCount(hls) + Math.max(0, index);
}

export function segmentStartMs(hls: HlsLoop, sequence: number): number {
  const count = segmentCount(hls);
  const pass = Math.floor(sequence / count);
  return pass * (hls.loop.duration / TICKS_PER_MS) + (offsetsMs(hls)[sequence % count] ?? 0);
}

/** The live playlist: the `windowSize` newest complete segments at `nowMs`. */
export function renderLivePlaylist(hls: HlsLoop, nowMs: number, windowSize: number): string {
  const newest = segmentAt(hls, nowMs) - 1;
  const first = Math.max(0, newest - windowSize + 1);
  const count = segmentCount(hls);
  const target = Math.ceil(Math.max(...hls.segmentTicks) / (TICKS_PER_MS * 1000));
  const lines = [
    "#EXTM3U",
    "#EXT-X-VERSION:3",
    "#EXT-X-INDEPENDENT-SEGMENTS",
    `#EXT-X-TARGETDURATION:${target}`,
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
  ];
  for (let sequence = first; sequence <= newest; sequence++) {
    const seconds = (hls.segmentTicks[sequence % count] ?? 0) / (TICKS_PER_MS * 1000);
    lines.push(
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(segmentStartMs(hls, sequence)).toISOString()}`,
      `#EXTINF:${seconds.toFixed(3)},`,
      `${sequence}.ts`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The bytes of media sequence `sequence`, timestamps shifted into its pass. */
export function renderSegment(hls: HlsLoop, sequence: number): Uint8Array<ArrayBuffer> {
  const count = segmentCount(hls);
  const index = sequence % count;
  const from = hls.segmentStarts[index] ?? 0;
  const to = hls.segmentStarts[index + 1] ?? hls.loop.packetCount;
  return hls.loop.render(from, to, Math.floor(sequence / count));
}
