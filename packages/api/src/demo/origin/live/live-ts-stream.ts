/**
 * A never-ending live MPEG-TS stream that loops one clip at real time. Packets go out when their
 * PCR says they are due, less a head start (`burstMs`) sent at once so players start fast. The
 * stream is pull-driven: a slow reader is not buffered for, and cancelling (the client hanging
 * up) aborts the pending timer and ends the loop.
 */
import type { TsLoop } from "../mpegts/ts-loop.ts";
import type { Sleep } from "./cancellable-sleep.ts";

/** A looped clip and where its ~100 ms send chunks start (ending with `loop.packetCount`). */
export interface PacedLoop {
  readonly loop: TsLoop;
  readonly chunkStarts: readonly number[];
}

export interface LiveTsStreamOptions {
  /** Media sent ahead of real time when the stream opens. */
  burstMs: number;
  sleep: Sleep;
  /** Monotonic milliseconds. */
  clock: () => number;
  /** Called once when the stream ends (it only ends when cancelled). */
  onClose: () => void;
}

const TICKS_PER_MS = 90;

export function planChunks(loop: TsLoop, maxTicks: number): number[] {
  const starts = [0];
  for (let index = 1; index < loop.packetCount; index++) {
    const chunkStart = starts.at(-1) ?? 0;
    if ((loop.dueAt[index] ?? 0) - (loop.dueAt[chunkStart] ?? 0) >= maxTicks) starts.push(index);
  }
  starts.push(loop.packetCount);
  return starts;
}

export function liveTsStream(
  source: PacedLoop,
  options: LiveTsStreamOptions,
): ReadableStream<Uint8Array<ArrayBuffer>> {
  const { loop, chunkStarts } = source;
  const abort = new AbortController();
  let startedAt = 0;
  let chunk = 0;
  let pass = 0;

  const close = () => {
    if (abort.signal.aborted) return;
    abort.abort();
    options.onClose();
  };

  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    start() {
      startedAt = options.clock();
    },
    async pull(controller) {
      try {
        await sendNextChunk(controller);
      } catch (error) {
        close();
        controller.error(error);
      }
    },
    cancel() {
      close();
    },
  });

  async function sendNextChunk(
    controller: ReadableStreamDefaultController<Uint8Array<ArrayBuffer>>,
  ): Promise<void> {
    const from = chunkStarts[chunk] ?? 0;
    const to = chunkStarts[chunk + 1] ?? loop.packetCount;
    const dueMs = (pass * loop.duration + (loop.dueAt[from] ?? 0)) / TICKS_PER_MS - options.burstMs;
    const waitMs = dueMs - (options.clock() - startedAt);
    if (waitMs > 0) await options.sleep(waitMs, abort.signal);
    if (abort.signal.aborted) return;
    controller.enqueue(loop.render(from, to, pass));
    chunk += 1;
    if (chunk >= chunkStarts.length - 1) {
      chunk = 0;
      pass += 1;
    }
  }
}
