import { seededRandom } from "./seeded-random.ts";

/** How to cut the bytes: a fixed chunk size, or random sizes from 1 to `max` with a seed. */
export type Chunking = number | { random: number; seed: number };

/**
 * A byte stream of `input` cut into chunks, to prove that parsers do not care where chunk
 * boundaries fall (inside a line, inside a multi-byte character, between CR and LF).
 */
export function chunkedStream(
  input: string | Uint8Array,
  chunking: Chunking = 65_536,
): ReadableStream<Uint8Array> {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const next =
    typeof chunking === "number"
      ? () => chunking
      : (
          (random) => () =>
            1 + Math.floor(random() * chunking.random)
        )(seededRandom(chunking.seed));
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      const end = Math.min(bytes.length, offset + next());
      controller.enqueue(bytes.slice(offset, end));
      offset = end;
    },
  });
}
