/**
 * The last few seconds of a channel, kept as the very chunks that went to viewers, so a new
 * viewer gets bytes at once, starting where a decoder can start.
 */
import { findStartPoints, type StartPoints } from "./ts-packets.ts";

interface RingEntry {
  chunk: Uint8Array;
  points: StartPoints;
}

export class RingBuffer {
  private entries: RingEntry[] = [];
  private head = 0;
  private size = 0;

  constructor(private readonly maxBytes: number) {}

  get bytes(): number {
    return this.size;
  }

  push(chunk: Uint8Array): void {
    this.entries.push({ chunk, points: findStartPoints(chunk) });
    this.size += chunk.length;
    // Always keep the newest chunk, even when it alone is larger than the bound.
    while (this.size > this.maxBytes && this.entries.length - this.head > 1) {
      const oldest = this.entries[this.head];
      this.head += 1;
      this.size -= oldest?.chunk.length ?? 0;
    }
    if (this.head > 64 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  clear(): void {
    this.entries = [];
    this.head = 0;
    this.size = 0;
  }

  /**
   * Chunks for a new viewer: from the PAT before the latest keyframe when the stream marks
   * keyframes, else from the latest PAT, else everything held. Views, never copies.
   */
  startChunks(): Uint8Array[] {
    const live = this.entries.slice(this.head);
    const keyframe = findLast(live, (entry) => entry.points.randomAccess);
    const from =
      keyframe === undefined ? findLast(live, (e) => e.points.pats) : patAtOrBefore(live, keyframe);
    const start = from ?? keyframe ?? { index: 0, offset: 0 };
    const out: Uint8Array[] = [];
    for (let index = start.index; index < live.length; index += 1) {
      const chunk = live[index]?.chunk;
      if (chunk === undefined) continue;
      out.push(index === start.index && start.offset > 0 ? chunk.subarray(start.offset) : chunk);
    }
    return out;
  }
}

interface Position {
  index: number;
  offset: number;
}

function findLast(entries: RingEntry[], offsets: (entry: RingEntry) => number[]): Position | undefined {
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index];
    const list = entry === undefined ? [] : offsets(entry);
    const offset = list[list.length - 1];
    if (offset !== undefined) return { index, offset };
  }
  return undefined;
}

function patAtOrBefore(entries: RingEntry[], at: Position): Position | undefined {
  for (let index = at.index; index >= 0; index -= 1) {
    const pats = entries[index]?.points.pats ?? [];
    for (let i = pats.length - 1; i >= 0; i -= 1) {
      const offset = pats[i];
      if (offset !== undefined && (index < at.index || offset <= at.offset)) return { index, offset };
    }
  }
  return undefined;
}
