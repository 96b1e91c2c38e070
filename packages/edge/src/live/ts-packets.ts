/**
 * MPEG-TS packet framing: re-aligns an arbitrary byte stream to whole 188-byte packets and finds
 * the packets a new viewer can start on (PAT, random-access points).
 */

export const TS_PACKET_SIZE = 188;
export const TS_SYNC_BYTE = 0x47;

const EMPTY = new Uint8Array(0);

function isSyncAt(buffer: Uint8Array, offset: number, needNext: boolean): boolean {
  // Confirm with the next packets when they are present, so a stray 0x47 in a payload does not
  // pass for a packet start.
  if (needNext && offset + TS_PACKET_SIZE >= buffer.length) return false;
  for (
    let probe = offset;
    probe < buffer.length && probe <= offset + 2 * TS_PACKET_SIZE;
    probe += TS_PACKET_SIZE
  ) {
    if (buffer[probe] !== TS_SYNC_BYTE) return false;
  }
  return true;
}

/** The first packet start confirmed by the next packet's sync byte, or -1. */
function findSync(buffer: Uint8Array, from: number): number {
  for (
    let offset = buffer.indexOf(TS_SYNC_BYTE, from);
    offset !== -1;
    offset = buffer.indexOf(TS_SYNC_BYTE, offset + 1)
  ) {
    if (isSyncAt(buffer, offset, true)) return offset;
  }
  return -1;
}

/** Keeps only whole, sync-confirmed packets, carrying a partial packet to the next chunk. */
export class PacketAligner {
  private carry: Uint8Array = EMPTY;
  private synced = false;
  /** Bytes thrown away while hunting for sync; exposed for metrics and tests. */
  discardedBytes = 0;

  /** Returns whole packets from `chunk` (a view into it when no copy is needed), or an empty array. */
  push(chunk: Uint8Array): Uint8Array {
    let buffer = chunk;
    if (this.carry.length > 0) {
      buffer = new Uint8Array(this.carry.length + chunk.length);
      buffer.set(this.carry, 0);
      buffer.set(chunk, this.carry.length);
    }
    let start = 0;
    if (!this.synced || buffer[0] !== TS_SYNC_BYTE) {
      start = findSync(buffer, 0);
      if (start === -1) return this.keepTail(buffer, 0);
      this.synced = true;
      this.discardedBytes += start;
    }
    const whole = start + Math.floor((buffer.length - start) / TS_PACKET_SIZE) * TS_PACKET_SIZE;
    for (let offset = start; offset < whole; offset += TS_PACKET_SIZE) {
      if (buffer[offset] !== TS_SYNC_BYTE) return this.compact(buffer, start);
    }
    this.carry = whole < buffer.length ? buffer.slice(whole) : EMPTY;
    return buffer.subarray(start, whole);
  }

  reset(): void {
    this.carry = EMPTY;
    this.synced = false;
  }

  /** No confirmed sync: keep less than a packet of tail, where an unconfirmed start may sit. */
  private keepTail(buffer: Uint8Array, from: number): Uint8Array {
    const keepFrom = Math.max(from, buffer.length - (TS_PACKET_SIZE - 1));
    this.discardedBytes += keepFrom - from;
    this.carry = buffer.slice(keepFrom);
    this.synced = false;
    return EMPTY;
  }

  /** Rare path: sync was lost inside the chunk; copy out the good packets around the damage. */
  private compact(buffer: Uint8Array, start: number): Uint8Array {
    const out = new Uint8Array(buffer.length);
    let written = 0;
    let offset = start;
    while (offset + TS_PACKET_SIZE <= buffer.length) {
      if (isSyncAt(buffer, offset, false)) {
        out.set(buffer.subarray(offset, offset + TS_PACKET_SIZE), written);
        written += TS_PACKET_SIZE;
        offset += TS_PACKET_SIZE;
        continue;
      }
      const next = findSync(buffer, offset + 1);
      if (next === -1) {
        this.keepTail(buffer, offset);
        return out.subarray(0, written);
      }
      this.discardedBytes += next - offset;
      offset = next;
    }
    this.carry = offset < buffer.length ? buffer.slice(offset) : EMPTY;
    return out.subarray(0, written);
  }
}

/** Packet offsets in an aligned chunk where a new viewer may begin. */
export interface StartPoints {
  /** Offsets of packets opening a PAT section (PID 0, payload unit start). */
  pats: number[];
  /** Offsets of packets flagged as random access points (keyframes). */
  randomAccess: number[];
}

/** Scans the 4-byte headers (and adaptation flags) of every packet in an aligned chunk. */
export function findStartPoints(chunk: Uint8Array): StartPoints {
  const pats: number[] = [];
  const randomAccess: number[] = [];
  for (let offset = 0; offset + TS_PACKET_SIZE <= chunk.length; offset += TS_PACKET_SIZE) {
    const b1 = chunk[offset + 1] ?? 0;
    const pid = ((b1 & 0x1f) << 8) | (chunk[offset + 2] ?? 0);
    const payloadStart = (b1 & 0x40) !== 0;
    if (pid === 0 && payloadStart) pats.push(offset);
    const hasAdaptation = ((chunk[offset + 3] ?? 0) & 0x20) !== 0;
    if (hasAdaptation && (chunk[offset + 4] ?? 0) > 0 && ((chunk[offset + 5] ?? 0) & 0x40) !== 0) {
      randomAccess.push(offset);
    }
  }
  return { pats, randomAccess };
}
