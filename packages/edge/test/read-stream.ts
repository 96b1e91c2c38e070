/** Helpers that read viewer streams in tests and check what arrived. */
import { PACKET, packetSequence, packetTag } from "./ts-origin.ts";

export interface ReadResult {
  bytes: number;
  chunks: Uint8Array[];
  /** Sequence breaks seen within one origin tag (there should be none). */
  gaps: number;
  misaligned: number;
  tags: Set<number>;
  done: boolean;
}

/** Reads `stream` for `ms` (or until it ends), keeping chunk references when asked. */
export async function readFor(
  stream: ReadableStream<Uint8Array>,
  ms: number,
  keepChunks = false,
): Promise<ReadResult> {
  const reader = stream.getReader();
  const result: ReadResult = { bytes: 0, chunks: [], gaps: 0, misaligned: 0, tags: new Set(), done: false };
  const deadline = Date.now() + ms;
  let last = new Map<number, number>();
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
      if (chunk.length % PACKET !== 0) result.misaligned += 1;
      for (let offset = 0; offset + PACKET <= chunk.length; offset += PACKET) {
        const packet = chunk.subarray(offset, offset + PACKET);
        if (packet[0] !== 0x47) {
          result.misaligned += 1;
          continue;
        }
        const tag = packetTag(packet);
        const sequence = packetSequence(packet);
        const previous = last.get(tag);
        if (previous !== undefined && sequence !== previous + 1 && sequence !== 0) result.gaps += 1;
        result.tags.add(tag);
        last.set(tag, sequence);
      }
    }
  } finally {
    clearTimeout(timer);
    last = new Map();
    await reader.cancel().catch(() => {});
  }
  return result;
}
