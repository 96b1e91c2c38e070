/**
 * An MPEG-TS clip prepared for endless, seamless looping. `render(from, to, pass)` returns the
 * packets [from, to) as they appear in the given pass of the loop: PCR, PTS and DTS shifted by
 * `pass * duration` and continuity counters carried on from the previous pass, so a player sees
 * one continuous transport stream with monotonic timestamps (modulo the 2^33 wrap).
 */
import { pmtPidsOf } from "./pmt-pids.ts";
import {
  continuityCounterOf,
  hasPayload,
  NULL_PID,
  PACKET_SIZE,
  payloadOffsetOf,
  pcrOffsetOf,
  pesTimestampOffsets,
  pidOf,
  readPcrBase,
  readTimestamp,
  SYNC_BYTE,
  startsPayloadUnit,
  TIMESTAMP_MODULO,
  wrapTimestamp,
  writeContinuityCounter,
  writePcrBase,
  writeTimestamp,
} from "./ts-packet.ts";

/** PIDs below this are PAT, CAT, NIT and DVB SI tables, never PES. */
const FIRST_ELEMENTARY_PID = 0x20;

export interface TsLoop {
  readonly packetCount: number;
  /** Length of one pass in 90 kHz ticks; each pass shifts every timestamp by it. */
  readonly duration: number;
  /** When each packet is due, in 90 kHz ticks from the start of a pass, interpolated from the PCR. */
  readonly dueAt: Float64Array;
  render(from: number, to: number, pass: number): Uint8Array<ArrayBuffer>;
}

interface PacketTable {
  pcrAt: Int16Array;
  ptsAt: Int16Array;
  dtsAt: Int16Array;
  ccBase: Uint8Array;
  ccStep: Uint8Array;
}

export function analyseTsLoop(clip: Uint8Array, duration: number): TsLoop {
  // A private plain copy: a Node Buffer's `slice` is a view, and rendering must never touch the clip.
  const bytes = new Uint8Array(clip);
  if (bytes.length === 0 || bytes.length % PACKET_SIZE !== 0) {
    throw new Error(`MPEG-TS clip length ${bytes.length} is not a multiple of ${PACKET_SIZE}`);
  }
  if (!Number.isInteger(duration) || duration <= 0) throw new Error(`Loop duration "${duration}" is invalid`);
  const packetCount = bytes.length / PACKET_SIZE;
  const table = tabulate(bytes, packetCount);
  checkTimestampsFit(bytes, table, duration);
  const dueAt = pcrSchedule(bytes, table, duration);
  return {
    packetCount,
    duration,
    dueAt,
    render: (from, to, pass) => render(bytes, table, duration, from, to, pass),
  };
}

function tabulate(bytes: Uint8Array, packetCount: number): PacketTable {
  const psiPids = pmtPidsOf(bytes);
  const table: PacketTable = {
    pcrAt: new Int16Array(packetCount).fill(-1),
    ptsAt: new Int16Array(packetCount).fill(-1),
    dtsAt: new Int16Array(packetCount).fill(-1),
    ccBase: new Uint8Array(packetCount),
    ccStep: new Uint8Array(packetCount),
  };
  // Counters are renumbered from 0 per PID so that the step per pass is just the PID's packet count.
  const payloadPackets = new Map<number, number>();
  const pids = new Int32Array(packetCount);
  for (let index = 0; index < packetCount; index++) {
    const packet = index * PACKET_SIZE;
    if (bytes[packet] !== SYNC_BYTE) throw new Error(`MPEG-TS packet ${index} has no sync byte`);
    const pid = pidOf(bytes, packet);
    pids[index] = pid;
    const pcr = pcrOffsetOf(bytes, packet);
    if (pcr >= 0) table.pcrAt[index] = pcr - packet;
    if (pid === NULL_PID) {
      table.ccBase[index] = continuityCounterOf(bytes, packet);
      continue;
    }
    const seen = payloadPackets.get(pid) ?? 0;
    // A packet without payload repeats the counter of the PID's previous packet.
    table.ccBase[index] = hasPayload(bytes, packet) ? seen % 16 : (seen + 15) % 16;
    if (hasPayload(bytes, packet)) payloadPackets.set(pid, seen + 1);
    const payload = payloadOffsetOf(bytes, packet);
    if (payload < 0 || !startsPayloadUnit(bytes, packet)) continue;
    if (pid < FIRST_ELEMENTARY_PID || psiPids.has(pid)) continue;
    const [pts, dts] = pesTimestampOffsets(bytes, payload, packet + PACKET_SIZE);
    if (pts >= 0) table.ptsAt[index] = pts - packet;
    if (dts >= 0) table.dtsAt[index] = dts - packet;
  }
  for (let index = 0; index < packetCount; index++) {
    const pid = pids[index] ?? NULL_PID;
    if (pid !== NULL_PID) table.ccStep[index] = (payloadPackets.get(pid) ?? 0) % 16;
  }
  return table;
}

/** One pass must fit in `duration`, or the next pass would repeat or go back in time. */
function checkTimestampsFit(bytes: Uint8Array, table: PacketTable, duration: number): void {
  const spans = new Map<number, { first: number; last: number }>();
  table.ptsAt.forEach((ptsAt, index) => {
    if (ptsAt < 0) return;
    const packet = index * PACKET_SIZE;
    const dtsAt = table.dtsAt[index] ?? -1;
    const stamp = readTimestamp(bytes, packet + (dtsAt >= 0 ? dtsAt : ptsAt));
    const pid = pidOf(bytes, packet);
    const span = spans.get(pid);
    if (span === undefined) spans.set(pid, { first: stamp, last: stamp });
    else span.last = stamp;
  });
  if (spans.size === 0) throw new Error("MPEG-TS clip has no timestamped PES packets");
  for (const [pid, { first, last }] of spans) {
    if (wrapTimestamp(last - first) >= duration) {
      throw new Error(
        `PID ${pid} spans ${wrapTimestamp(last - first)} ticks, more than the loop's ${duration}`,
      );
    }
  }
}

/** Due time of every packet: linear between PCRs, wrapping to the next pass's first PCR. */
function pcrSchedule(bytes: Uint8Array, table: PacketTable, duration: number): Float64Array {
  const packetCount = table.pcrAt.length;
  const anchors: Array<{ index: number; pcr: number }> = [];
  let pcrPid = -1;
  table.pcrAt.forEach((pcrAt, index) => {
    const packet = index * PACKET_SIZE;
    if (pcrAt < 0) return;
    if (pcrPid < 0) pcrPid = pidOf(bytes, packet);
    if (pidOf(bytes, packet) !== pcrPid) return;
    const previous = anchors.at(-1);
    let pcr = readPcrBase(bytes, packet + pcrAt);
    while (previous !== undefined && pcr < previous.pcr) pcr += TIMESTAMP_MODULO;
    anchors.push({ index, pcr });
  });
  const first = anchors[0];
  const last = anchors.at(-1);
  if (first === undefined || last === undefined) throw new Error("MPEG-TS clip carries no PCR");
  if (last.pcr >= first.pcr + duration) throw new Error("MPEG-TS clip's PCR runs longer than the loop");
  anchors.unshift({ index: last.index - packetCount, pcr: last.pcr - duration });
  anchors.push({ index: first.index + packetCount, pcr: first.pcr + duration });

  const dueAt = new Float64Array(packetCount);
  let segment = 0;
  for (let index = 0; index < packetCount; index++) {
    while ((anchors[segment + 1]?.index ?? Number.POSITIVE_INFINITY) <= index) segment++;
    const from = anchors[segment];
    const to = anchors[segment + 1];
    if (from === undefined || to === undefined) throw new Error("PCR anchors are inconsistent");
    dueAt[index] = from.pcr + ((to.pcr - from.pcr) * (index - from.index)) / (to.index - from.index);
  }
  const start = dueAt[0] ?? 0;
  return dueAt.map((due) => due - start);
}

function render(
  bytes: Uint8Array,
  table: PacketTable,
  duration: number,
  from: number,
  to: number,
  pass: number,
): Uint8Array<ArrayBuffer> {
  const out = bytes.slice(from * PACKET_SIZE, to * PACKET_SIZE);
  const shift = Number((BigInt(pass) * BigInt(duration)) % BigInt(TIMESTAMP_MODULO));
  const passMod16 = pass % 16;
  for (let index = from; index < to; index++) {
    const packet = (index - from) * PACKET_SIZE;
    const counter = (table.ccBase[index] ?? 0) + passMod16 * (table.ccStep[index] ?? 0);
    if (pidOf(out, packet) !== NULL_PID) writeContinuityCounter(out, packet, counter % 16);
    if (shift === 0) continue;
    const pcrAt = table.pcrAt[index] ?? -1;
    if (pcrAt >= 0) writePcrBase(out, packet + pcrAt, readPcrBase(out, packet + pcrAt) + shift);
    const ptsAt = table.ptsAt[index] ?? -1;
    if (ptsAt >= 0) writeTimestamp(out, packet + ptsAt, readTimestamp(out, packet + ptsAt) + shift);
    const dtsAt = table.dtsAt[index] ?? -1;
    if (dtsAt >= 0) writeTimestamp(out, packet + dtsAt, readTimestamp(out, packet + dtsAt) + shift);
  }
  return out;
}
