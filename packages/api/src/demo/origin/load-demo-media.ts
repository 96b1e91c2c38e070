/**
 * Reads the fixtures once, at start-up, into memory (about 1.5 MB) and prepares each clip for
 * looping. Nothing re-reads a file per request.
 */
import { readFileSync } from "node:fs";
import type { DemoChannel } from "./demo-channels.ts";
import type { FixtureFiles } from "./fixture-files.ts";
import type { HlsLoop } from "./hls/live-hls.ts";
import { type PacedLoop, planChunks } from "./live/live-ts-stream.ts";
import { analyseTsLoop } from "./mpegts/ts-loop.ts";
import { TICKS_PER_SECOND } from "./mpegts/ts-packet.ts";

export interface ChannelMedia {
  live: PacedLoop;
  hls: HlsLoop;
}

export interface DemoMedia {
  channels: ReadonlyMap<string, ChannelMedia>;
  /** VOD titles by name (the file name without `.mp4`). */
  vods: ReadonlyMap<string, Uint8Array<ArrayBuffer>>;
}

/** Live chunks of ~100 ms keep writes small without waking the timer too often. */
const CHUNK_TICKS = TICKS_PER_SECOND / 10;

export function loadDemoMedia(files: FixtureFiles, channels: readonly DemoChannel[]): DemoMedia {
  const read = (name: string): Uint8Array<ArrayBuffer> => {
    const path = files.get(name);
    if (path === undefined) throw new Error(`Demo fixture "${name}" is missing`);
    return new Uint8Array(readFileSync(path));
  };
  const media = new Map<string, ChannelMedia>();
  for (const channel of channels) media.set(channel.id, loadChannel(read, channel.id));
  const vods = new Map<string, Uint8Array<ArrayBuffer>>();
  for (const name of [...files.keys()].sort()) {
    const title = /^vod\/([^/]+)\.mp4$/.exec(name)?.[1];
    if (title !== undefined) vods.set(title, read(name));
  }
  return { channels: media, vods };
}

function loadChannel(read: (name: string) => Uint8Array, id: string): ChannelMedia {
  const playlist = parseVodPlaylist(new TextDecoder().decode(read(`hls/${id}/index.m3u8`)));
  const duration = playlist.reduce((sum, segment) => sum + segment.ticks, 0);

  const parts = playlist.map((segment) => read(`hls/${id}/${segment.uri}`));
  const segmentStarts = [0];
  for (const part of parts) segmentStarts.push((segmentStarts.at(-1) ?? 0) + part.length / 188);
  const hls: HlsLoop = {
    loop: analyseTsLoop(concat(parts), duration),
    segmentStarts,
    segmentTicks: playlist.map((segment) => segment.ticks),
  };

  const liveLoop = analyseTsLoop(read(`live/${id}.mpegts`), duration);
  return { live: { loop: liveLoop, chunkStarts: planChunks(liveLoop, CHUNK_TICKS) }, hls };
}

/** The segments of the VOD playlist that ffmpeg wrote next to them. */
export function parseVodPlaylist(text: string): Array<{ uri: string; ticks: number }> {
  const segments: Array<{ uri: string; ticks: number }> = [];
  let seconds: number | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("#EXTINF:")) seconds = Number.parseFloat(line.slice("#EXTINF:".length));
    else if (line !== "" && !line.startsWith("#")) {
      if (seconds === undefined || !Number.isFinite(seconds))
        throw new Error(`Segment "${line}" has no EXTINF`);
      segments.push({ uri: line, ticks: Math.round(seconds * TICKS_PER_SECOND) });
      seconds = undefined;
    }
  }
  if (segments.length === 0) throw new Error("HLS fixture playlist lists no segments");
  return segments;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
