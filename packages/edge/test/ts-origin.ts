/**
 * A synthetic MPEG-TS origin for tests and benchmarks: paced 188-byte packets carrying a running
 * sequence number, a PAT every 20 packets and a random-access flag every 200, so readers can
 * check alignment, order and start points.
 */

export const PACKET = 188;
const PAT_EVERY = 20;
const KEYFRAME_EVERY = 200;

export interface TsOriginOptions {
  bitrateBps: number;
  /** Bytes per write; deliberately not a packet multiple by default, to exercise re-alignment. */
  writeBytes?: number;
  /** Garbage bytes sent before the first packet, to exercise resync. */
  leadingGarbage?: number;
  /** Tag written in every packet (byte 8), to tell origins apart. */
  tag?: number;
}

export interface TsOrigin {
  url: string;
  port: number;
  /** Requests seen so far (each is one upstream connection). */
  readonly connections: number;
  /** Streams currently being served. */
  readonly active: number;
  /** Stop sending bytes while keeping connections open. */
  stall(on: boolean): void;
  /** Stops the server and cuts every open connection. */
  kill(): Promise<void>;
}

/** Builds packet number `n`: sync, PID, flags, then the sequence number and tag. */
export function makePacket(n: number, tag: number): Uint8Array {
  const packet = new Uint8Array(PACKET);
  const isPat = n % PAT_EVERY === 0;
  const isKey = n % KEYFRAME_EVERY === 1;
  const pid = isPat ? 0 : 0x100;
  packet[0] = 0x47;
  packet[1] = (isPat ? 0x40 : 0) | ((pid >> 8) & 0x1f);
  packet[2] = pid & 0xff;
  packet[3] = (isKey ? 0x30 : 0x10) | (n & 0x0f);
  let at = 4;
  if (isKey) {
    packet[4] = 1; // adaptation field length
    packet[5] = 0x40; // random access indicator
    at = 6;
  }
  new DataView(packet.buffer).setUint32(at + 2, n >>> 0);
  packet[at + 6] = tag;
  packet[at + 7] = isKey ? 1 : 0;
  return packet;
}

/** Reads the sequence number of a packet made by `makePacket`. */
export function packetSequence(packet: Uint8Array): number {
  const at = ((packet[3] ?? 0) & 0x20) !== 0 ? 6 : 4;
  return new DataView(packet.buffer, packet.byteOffset, packet.byteLength).getUint32(at + 2);
}

export function packetTag(packet: Uint8Array): number {
  const at = ((packet[3] ?? 0) & 0x20) !== 0 ? 6 : 4;
  return packet[at + 6] ?? -1;
}

export function startTsOrigin(options: TsOriginOptions): TsOrigin {
  const writeBytes = options.writeBytes ?? 1000;
  const tag = options.tag ?? 1;
  const bytesPerMs = options.bitrateBps / 8 / 1000;
  let connections = 0;
  let active = 0;
  let stalled = false;

  function stream(): ReadableStream<Uint8Array> {
    const startedAt = performance.now();
    let sent = 0;
    let sequence = 0;
    let carry: Uint8Array = new Uint8Array(0);
    let garbage = options.leadingGarbage ?? 0;
    let closed = false;
    active += 1;
    const finish = (): void => {
      if (!closed) {
        closed = true;
        active -= 1;
      }
    };
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          for (;;) {
            if (closed) return;
            const owed = (performance.now() - startedAt) * bytesPerMs - sent;
            if (!stalled && owed >= writeBytes) break;
            await Bun.sleep(5);
          }
          const out = new Uint8Array(writeBytes);
          let filled = 0;
          if (garbage > 0) {
            const take = Math.min(garbage, writeBytes);
            for (let i = 0; i < take; i += 1) out[i] = (i * 7 + 0x40) & 0xff;
            garbage -= take;
            filled = take;
          }
          while (filled < writeBytes) {
            if (carry.length === 0) carry = makePacket(sequence++, tag);
            const take = Math.min(carry.length, writeBytes - filled);
            out.set(carry.subarray(0, take), filled);
            carry = carry.subarray(take);
            filled += take;
          }
          sent += writeBytes;
          controller.enqueue(out);
        },
        cancel: finish,
      },
      { highWaterMark: 0 },
    );
  }

  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 0,
    fetch() {
      connections += 1;
      const body = stream();
      return new Response(body, { headers: { "content-type": "video/mp2t" } });
    },
  });

  return {
    url: `http://127.0.0.1:${server.port}/live.ts`,
    port: server.port ?? 0,
    get connections() {
      return connections;
    },
    get active() {
      return active;
    },
    stall(on) {
      stalled = on;
    },
    async kill() {
      await server.stop(true);
    },
  };
}
