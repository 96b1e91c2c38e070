import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { EMBEDDED_FIXTURES } from "../embedded-fixtures.ts";
import { analyseTsLoop } from "./ts-loop.ts";
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
  startsPayloadUnit,
} from "./ts-packet.ts";

const LOOP_TICKS = 720_000;
const clip = readFileSync(EMBEDDED_FIXTURES.get("live/neve-one.mpegts") ?? "");

/** Walks a transport stream and reports what a strict demuxer would complain about. */
function audit(bytes: Uint8Array) {
  const counters = new Map<number, number>();
  const lastDts = new Map<number, number>();
  let counterBreaks = 0;
  let backwardTimestamps = 0;
  let lastPcr = -1;
  let backwardPcrs = 0;
  for (let packet = 0; packet < bytes.length; packet += PACKET_SIZE) {
    const pid = pidOf(bytes, packet);
    if (pid === NULL_PID) continue;
    const counter = continuityCounterOf(bytes, packet);
    const previous = counters.get(pid);
    if (hasPayload(bytes, packet) && previous !== undefined && counter !== (previous + 1) % 16)
      counterBreaks++;
    counters.set(pid, counter);
    const pcrAt = pcrOffsetOf(bytes, packet);
    if (pcrAt >= 0) {
      const pcr = readPcrBase(bytes, pcrAt);
      if (pcr <= lastPcr) backwardPcrs++;
      lastPcr = pcr;
    }
    const payload = payloadOffsetOf(bytes, packet);
    if (payload < 0 || !startsPayloadUnit(bytes, packet) || pid < 0x20) continue;
    const [ptsAt, dtsAt] = pesTimestampOffsets(bytes, payload, packet + PACKET_SIZE);
    if (ptsAt < 0) continue;
    const dts = readTimestamp(bytes, dtsAt >= 0 ? dtsAt : ptsAt);
    if (dts <= (lastDts.get(pid) ?? -1)) backwardTimestamps++;
    lastDts.set(pid, dts);
  }
  return { counterBreaks, backwardTimestamps, backwardPcrs, lastDts };
}

describe("looping an MPEG-TS clip", () => {
  const loop = analyseTsLoop(clip, LOOP_TICKS);
  const pass = (n: number) => loop.render(0, loop.packetCount, n);

  test("the plain clip played twice breaks counters and goes back in time", () => {
    const naive = new Uint8Array(clip.length * 2);
    naive.set(clip, 0);
    naive.set(clip, clip.length);
    const { counterBreaks, backwardTimestamps, backwardPcrs } = audit(naive);
    expect(counterBreaks).toBeGreaterThan(0);
    expect(backwardTimestamps).toBeGreaterThan(0);
    expect(backwardPcrs).toBeGreaterThan(0);
  });

  test("consecutive passes form one stream with continuous counters and rising PCR, PTS and DTS", () => {
    const passes = [pass(0), pass(1), pass(2)];
    const joined = new Uint8Array(passes.reduce((sum, p) => sum + p.length, 0));
    passes.forEach((p, index) => {
      joined.set(p, index * p.length);
    });
    const { counterBreaks, backwardTimestamps, backwardPcrs } = audit(joined);
    expect({ counterBreaks, backwardTimestamps, backwardPcrs }).toEqual({
      counterBreaks: 0,
      backwardTimestamps: 0,
      backwardPcrs: 0,
    });
  });

  test("each pass is the clip shifted by exactly one loop duration", () => {
    const first = audit(pass(0)).lastDts;
    const third = audit(pass(2)).lastDts;
    for (const [pid, dts] of first) expect(third.get(pid)).toBe(dts + 2 * LOOP_TICKS);
  });

  test("a pass far in the future wraps its timestamps modulo 2^33 and keeps counters in step", () => {
    const far = 1_000_000_007;
    const joined = new Uint8Array([
      ...loop.render(loop.packetCount - 50, loop.packetCount, far),
      ...pass(far + 1),
    ]);
    expect(audit(joined).counterBreaks).toBe(0);
  });

  test("rendering never alters the clip it was made from", () => {
    const before = pass(0);
    pass(5);
    pass(6);
    expect(pass(0)).toEqual(before);
  });

  test("schedules packets by PCR from 0 up to just under one loop", () => {
    expect(loop.dueAt[0]).toBe(0);
    const last = loop.dueAt[loop.packetCount - 1] ?? 0;
    expect(last).toBeGreaterThan(LOOP_TICKS * 0.9);
    expect(last).toBeLessThan(LOOP_TICKS);
    expect(loop.dueAt.every((due, index) => index === 0 || due >= (loop.dueAt[index - 1] ?? 0))).toBe(true);
  });

  test("rejects a loop shorter than the clip's own timestamps", () => {
    expect(() => analyseTsLoop(clip, LOOP_TICKS / 2)).toThrow(/more than the loop/);
  });

  test("rejects bytes that are not whole transport packets", () => {
    expect(() => analyseTsLoop(clip.subarray(0, 1000), LOOP_TICKS)).toThrow(/not a multiple of 188/);
  });
});
