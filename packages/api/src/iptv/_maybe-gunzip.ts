import type { ByteSource } from "./catalog-entry.ts";

/**
 * Passes bytes through, or gunzips them when they start with the gzip magic bytes (1f 8b),
 * whatever the file name or Content-Type said: EPG hosts get both wrong. Nothing is read
 * before the first pull, and cancelling the result cancels the source.
 */
export function maybeGunzip(source: ByteSource): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  let inner: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      inner ??= await open(iterator);
      const next = await inner.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      if (inner === undefined) await iterator.return?.(reason);
      else await inner.cancel(reason);
    },
  });
}

/** Reads just enough to see the magic bytes, then replays those chunks ahead of the rest. */
async function open(iterator: AsyncIterator<Uint8Array>): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  const head: Uint8Array[] = [];
  let bytes = 0;
  let ended = false;
  while (bytes < 2) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    if (next.value.length === 0) continue;
    head.push(next.value);
    bytes += next.value.length;
  }
  const first = head[0];
  const second = first !== undefined && first.length > 1 ? first[1] : head[1]?.[0];
  const replay = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const queued = head.shift();
      if (queued !== undefined) return controller.enqueue(queued);
      const next = ended ? undefined : await iterator.next();
      if (next === undefined || next.done === true) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
  if (first?.[0] !== 0x1f || second !== 0x8b) return replay.getReader();
  const gunzip = new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>;
  return replay.pipeThrough(gunzip).getReader();
}
