import { describe, expect, test } from "bun:test";
import { makePacket, PACKET, packetSequence } from "../../test/ts-origin.ts";
import { findStartPoints, PacketAligner } from "./ts-packets.ts";

function packets(from: number, count: number): Uint8Array {
  const out = new Uint8Array(count * PACKET);
  for (let i = 0; i < count; i += 1) out.set(makePacket(from + i, 1), i * PACKET);
  return out;
}

function sequences(aligned: Uint8Array[]): number[] {
  const out: number[] = [];
  for (const chunk of aligned) {
    expect(chunk.length % PACKET).toBe(0);
    for (let offset = 0; offset < chunk.length; offset += PACKET) {
      expect(chunk[offset]).toBe(0x47);
      out.push(packetSequence(chunk.subarray(offset, offset + PACKET)));
    }
  }
  return out;
}

describe("packet aligner", () => {
  test("passes an aligned chunk through as a view without copying", () => {
    const aligner = new PacketAligner();
    const data = packets(0, 10);
    const out = aligner.push(data);
    expect(out.buffer).toBe(data.buffer);
    expect(out.length).toBe(data.length);
  });

  test("carries partial packets across arbitrary chunk boundaries", () => {
    const aligner = new PacketAligner();
    const data = packets(0, 100);
    const out: Uint8Array[] = [];
    for (let offset = 0; offset < data.length; offset += 1000)
      out.push(aligner.push(data.subarray(offset, offset + 1000)));
    expect(sequences(out)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  test("resyncs on 0x47 after leading garbage and after damage mid-stream", () => {
    const aligner = new PacketAligner();
    const garbage = new Uint8Array(77).fill(0x11);
    garbage[30] = 0x47;
    const first = packets(0, 20);
    const damaged = packets(20, 20);
    damaged.fill(0x00, 5 * PACKET, 5 * PACKET + 100);
    const out = [
      aligner.push(garbage),
      aligner.push(first.subarray(0, 500)),
      aligner.push(first.subarray(500)),
    ];
    out.push(aligner.push(damaged));
    const seen = sequences(out);
    expect(seen.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(seen).not.toContain(25);
    expect(seen).toContain(26);
    expect(aligner.discardedBytes).toBeGreaterThan(0);
  });

  test("finds PAT packets and random access points", () => {
    const points = findStartPoints(packets(0, 220));
    expect(points.pats).toEqual(Array.from({ length: 11 }, (_, i) => i * 20 * PACKET));
    expect(points.randomAccess).toEqual([1 * PACKET, 201 * PACKET]);
  });
});
