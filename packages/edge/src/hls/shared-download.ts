/**
 * One upstream body read once and shared by every viewer while it downloads. Bytes land in one
 * growing buffer; each viewer reads it from the start at its own pace and waits at the end for
 * more, so every viewer gets the first bytes as soon as they arrive, and a viewer that joins late
 * gets the bytes so far at once, then the rest.
 */

const FIRST_CAPACITY = 64 * 1024;

export class SharedDownload {
  private bytes: Uint8Array<ArrayBuffer>;
  private received = 0;
  private state: "loading" | "done" | "failed" = "loading";
  private failure: unknown;
  private changed = Promise.withResolvers<void>();
  /** The whole body once the upstream has sent it all; `undefined` if the upstream failed. */
  readonly finished: Promise<Uint8Array<ArrayBuffer> | undefined>;

  /**
   * @param expectedBytes the upstream's declared length, used to size the buffer once when it
   *   is at most `maxPreallocateBytes` (a declared length is not trusted with more memory)
   */
  constructor(
    body: ReadableStream<Uint8Array>,
    expectedBytes: number | undefined,
    maxPreallocateBytes: number,
  ) {
    const exact = expectedBytes !== undefined && expectedBytes > 0 && expectedBytes <= maxPreallocateBytes;
    this.bytes = new Uint8Array(exact ? expectedBytes : FIRST_CAPACITY);
    this.finished = this.pump(body);
  }

  /** Bytes received so far. */
  get size(): number {
    return this.received;
  }

  /** A viewer's copy of the body: everything received so far, then the rest as it arrives. */
  follow(): ReadableStream<Uint8Array> {
    let at = 0;
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          while (at === this.received && this.state === "loading") await this.changed.promise;
          if (at < this.received) {
            // A view, not a copy: bytes below `received` are never written again.
            const end = this.received;
            controller.enqueue(this.bytes.subarray(at, end));
            at = end;
          } else if (this.state === "failed") {
            controller.error(this.failure);
          } else {
            controller.close();
          }
        },
      },
      { highWaterMark: 0 },
    );
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer> | undefined> {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.append(value);
      }
      this.state = "done";
      return this.received === this.bytes.length ? this.bytes : this.bytes.slice(0, this.received);
    } catch (error) {
      this.state = "failed";
      this.failure = error;
      return undefined;
    } finally {
      this.wake();
    }
  }

  private append(chunk: Uint8Array): void {
    const needed = this.received + chunk.length;
    if (needed > this.bytes.length) {
      // Viewers keep views of the old buffer; the bytes in them never change, so that is safe.
      const grown = new Uint8Array(Math.max(needed, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.received));
      this.bytes = grown;
    }
    this.bytes.set(chunk, this.received);
    this.received = needed;
    this.wake();
  }

  private wake(): void {
    const waiting = this.changed;
    this.changed = Promise.withResolvers<void>();
    waiting.resolve();
  }
}
