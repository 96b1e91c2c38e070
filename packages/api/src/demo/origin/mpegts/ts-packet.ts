/**
 * Reading and writing the few MPEG-TS (ISO/IEC 13818-1) fields the demo origin rewrites:
 * continuity counters, PCR bases and PES PTS/DTS. Timestamps are 33-bit 90 kHz counters that
 * wrap; they exceed 32 bits, so they are built with arithmetic rather than bitwise operators.
 */

export const PACKET_SIZE = 188;
export const SYNC_BYTE = 0x47;
export const NULL_PID = 0x1fff;
/** 90 kHz ticks per second: the unit of PTS, DTS and the PCR base. */
export const TICKS_PER_SECOND = 90_000;
/** PTS, DTS and the PCR base wrap at 2^33 (about 26.5 hours). */
export const TIMESTAMP_MODULO = 2 ** 33;

const byte = (bytes: Uint8Array, at: number): number => bytes[at] ?? 0;

export function pidOf(bytes: Uint8Array, packet: number): number {
  return ((byte(bytes, packet + 1) & 0x1f) << 8) | byte(bytes, packet + 2);
}

export function startsPayloadUnit(bytes: Uint8Array, packet: number): boolean {
  return (byte(bytes, packet + 1) & 0x40) !== 0;
}

export function hasPayload(bytes: Uint8Array, packet: number): boolean {
  return (byte(bytes, packet + 3) & 0x10) !== 0;
}

function hasAdaptationField(bytes: Uint8Array, packet: number): boolean {
  return (byte(bytes, packet + 3) & 0x20) !== 0;
}

export function continuityCounterOf(bytes: Uint8Array, packet: number): number {
  return byte(bytes, packet + 3) & 0x0f;
}

export function writeContinuityCounter(bytes: Uint8Array, packet: number, counter: number): void {
  bytes[packet + 3] = (byte(bytes, packet + 3) & 0xf0) | (counter & 0x0f);
}

/** Offset of the payload inside the buffer, or -1 when the packet carries none. */
export function payloadOffsetOf(bytes: Uint8Array, packet: number): number {
  if (!hasPayload(bytes, packet)) return -1;
  const start = hasAdaptationField(bytes, packet) ? packet + 5 + byte(bytes, packet + 4) : packet + 4;
  return start < packet + PACKET_SIZE ? start : -1;
}

/** Offset of the 6-byte PCR field inside the buffer, or -1 when the packet carries none. */
export function pcrOffsetOf(bytes: Uint8Array, packet: number): number {
  if (!hasAdaptationField(bytes, packet)) return -1;
  const length = byte(bytes, packet + 4);
  return length >= 7 && (byte(bytes, packet + 5) & 0x10) !== 0 ? packet + 6 : -1;
}

/** The 33-bit PCR base (90 kHz); the 9-bit 27 MHz extension is left alone. */
export function readPcrBase(bytes: Uint8Array, at: number): number {
  return (
    byte(bytes, at) * 2 ** 25 +
    byte(bytes, at + 1) * 2 ** 17 +
    byte(bytes, at + 2) * 2 ** 9 +
    byte(bytes, at + 3) * 2 +
    (byte(bytes, at + 4) >> 7)
  );
}

export function writePcrBase(bytes: Uint8Array, at: number, base: number): void {
  const value = wrapTimestamp(base);
  bytes[at] = Math.floor(value / 2 ** 25) & 0xff;
  bytes[at + 1] = Math.floor(value / 2 ** 17) & 0xff;
  bytes[at + 2] = Math.floor(value / 2 ** 9) & 0xff;
  bytes[at + 3] = Math.floor(value / 2) & 0xff;
  bytes[at + 4] = ((value % 2) << 7) | (byte(bytes, at + 4) & 0x7f);
}

/** A 5-byte PES PTS or DTS field. */
export function readTimestamp(bytes: Uint8Array, at: number): number {
  const high = (byte(bytes, at) >> 1) & 0x07;
  const middle = (byte(bytes, at + 1) << 7) | (byte(bytes, at + 2) >> 1);
  const low = (byte(bytes, at + 3) << 7) | (byte(bytes, at + 4) >> 1);
  return high * 2 ** 30 + middle * 2 ** 15 + low;
}

/** Keeps the field's 4-bit prefix ('0010', '0011' or '0001') and sets the marker bits. */
export function writeTimestamp(bytes: Uint8Array, at: number, timestamp: number): void {
  const value = wrapTimestamp(timestamp);
  const high = Math.floor(value / 2 ** 30) & 0x07;
  const middle = Math.floor(value / 2 ** 15) & 0x7fff;
  const low = value % 2 ** 15;
  bytes[at] = (byte(bytes, at) & 0xf0) | (high << 1) | 1;
  bytes[at + 1] = middle >> 7;
  bytes[at + 2] = ((middle & 0x7f) << 1) | 1;
  bytes[at + 3] = low >> 7;
  bytes[at + 4] = ((low & 0x7f) << 1) | 1;
}

export function wrapTimestamp(value: number): number {
  const wrapped = value % TIMESTAMP_MODULO;
  return wrapped < 0 ? wrapped + TIMESTAMP_MODULO : wrapped;
}

/** Offsets of the PTS and DTS fields of a PES header starting at `payload`, -1 when absent. */
export function pesTimestampOffsets(bytes: Uint8Array, payload: number, end: number): [number, number] {
  const isPes =
    byte(bytes, payload) === 0 && byte(bytes, payload + 1) === 0 && byte(bytes, payload + 2) === 1;
  // Stream ids without the optional PES header (program stream map, padding, private 2, ...).
  const streamId = byte(bytes, payload + 3);
  const noHeader = [0xbc, 0xbe, 0xbf, 0xf0, 0xf1, 0xf2, 0xf8, 0xff].includes(streamId);
  if (!isPes || noHeader || payload + 19 > end) return [-1, -1];
  const flags = byte(bytes, payload + 7) >> 6;
  const pts = flags & 0b10 ? payload + 9 : -1;
  const dts = flags === 0b11 ? payload + 14 : -1;
  return [pts, dts];
}
