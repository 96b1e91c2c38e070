import { describe, expect, test } from "bun:test";
import { makePacket, PACKET, packetSequence } from "../../test/ts-origin.ts";
import { RingBuffer } from "./ring-buffer.ts";

function chunk(from: number, count: number): Uint8Array {
  const out = new Uint8Array(count * PACKET);
  for (let i = 0; i < count; i += 1) out.set(makePacket(from + i, 1), i * PACKET);
  return out;
}

describe("ring buffer", () => {
  test("starts a new viewer at the PAT before the latest keyframe", () => {
    const ring = new RingBuffer(1_000_000);
    for (let from = 0; from < 600; from += 50) ring.push(chunk(from, 50));
    const start = ring.startChunks();
    // Keyframes at 1, 201, 401; the PAT before 401 is 400.
    expect(packetSequence(start[0] as Uint8Array)).toBe(400);
    expect(start.reduce((sum, c) => sum + c.length, 0)).toBe(200 * PACKET);
  });

  test("stays within its byte bound and hands out views of the held chunks", () => {
    const ring = new RingBuffer(100 * PACKET);
    const pushed: Uint8Array[] = [];
    for (let from = 0; from < 1000; from += 30) {
      const c = chunk(from, 30);
      pushed.push(c);
      ring.push(c);
    }
    expect(ring.bytes).toBeLessThanOrEqual(100 * PACKET);
    for (const view of ring.startChunks()) expect(pushed.some((c) => c.buffer === view.buffer)).toBe(true);
  });

  test("falls back to the latest PAT when no keyframe is held", () => {
    const ring = new RingBuffer(30 * PACKET);
    ring.push(chunk(205, 30));
    expect(packetSequence(ring.startChunks()[0] as Uint8Array)).toBe(220);
  });
});
