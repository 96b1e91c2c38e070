/** Helpers that read viewer streams in tests and check what arrived. */
import { PACKET, packetSequence, packetTag } from "./ts-origin.ts";

export interface ReadResult {
  bytes: number;
  chunks: Uint8Array[];
  /** Sequence breaks seen within one origin tag (there should be none). */
  gaps: number;
  /** The first few breaks, as "previous→next" sequence numbers. */
  gapDetails: string[];
  /** Packets that did not start with the sync byte (the stream lost packet alignment). */
  misaligned: number;
  tags: Set<number>;
  /** When (Date.now()) a packet of each origin tag first arrived. */
  firstSeenAt: Map<number, number>;
  done: boolean;
}

/** Reads `stream` for `ms` (or until it ends), keeping chunk references when asked. */
export async function readFor(
  stream: ReadableStream<Uint8Array>,
  ms: number,
  keepChunks = false,
): Promise<ReadResult> {
  const reader = stream.getReader();
  const result: ReadResult = {
    bytes: 0,
    chunks: [],
    gaps: 0,
    gapDetails: [],
    misaligned: 0,
    tags: new Set(),
    firstSeenAt: new Map(),
    done: false,
  };
  const deadline = Date.now() + ms;
  let last = new Map<number, number>();
  let carry = new Uint8Array(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  try {
    while (Date.now() < deadline) {
      const next = await Promise.race([reader.read(), timeout]);
      if (next === "timeout") break;
      if (next.done) {
        result.done = true;
        break;
      }
      const chunk = next.value;
      result.bytes += chunk.length;
      if (keepChunks) result.chunks.push(chunk);
      // HTTP may split the edge's chunks anywhere: carry partial packets like a real demuxer.
      let data = chunk;
      if (carry.length > 0) {
        data = new Uint8Array(carry.length + chunk.length);
        data.set(carry, 0);
        data.set(chunk, carry.length);
      }
      const whole = data.length - (data.length % PACKET);
      for (let offset = 0; offset < whole; offset += PACKET) {
        const packet = data.subarray(offset, offset + PACKET);
        if (packet[0] !== 0x47) {
          result.misaligned += 1;
          continue;
        }
        const tag = packetTag(packet);
        const sequence = packetSequence(packet);
        const previous = last.get(tag);
        if (previous !== undefined && sequence !== previous + 1 && sequence !== 0) {
          result.gaps += 1;
          if (result.gapDetails.length < 5)
            result.gapDetails.push(`${previous}→${sequence} at ${result.bytes}`);
        }
        if (!result.tags.has(tag)) result.firstSeenAt.set(tag, Date.now());
        result.tags.add(tag);
        last.set(tag, sequence);
      }
      carry = data.slice(whole);
    }
  } finally {
    clearTimeout(timer);
    last = new Map();
    await reader.cancel().catch(() => {});
  }
  return result;
}
