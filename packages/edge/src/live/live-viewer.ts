/**
 * One viewer of a live channel: a pull-based `ReadableStream` fed with the channel's shared
 * chunks (references, never copies) through a queue bounded in bytes. A viewer whose queue
 * outgrows its bound is closed on the spot, so it never slows the channel or its other viewers.
 */

export type ViewerEndReason = "left" | "dropped" | "revoked" | "channel_closed" | "upstream_lost";

export interface LiveViewerOptions {
  id: number;
  /** Screen-session id from the route token, for revocation and session reporting. */
  sid: string;
  /** Bytes the viewer may fall behind before it is dropped. */
  maxQueueBytes: number;
  /** Called once when the viewer ends, for whatever reason. */
  onEnd: (viewer: LiveViewer, reason: ViewerEndReason) => void;
  /** Called with each chunk size handed to the stream. */
  onDelivered: (bytes: number) => void;
}

export class LiveViewer {
  readonly id: number;
  readonly sid: string;
  readonly stream: ReadableStream<Uint8Array>;
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private queue: Uint8Array[] = [];
  private queueHead = 0;
  private queuedBytes = 0;
  /** Extra room for the initial burst from the ring; it shrinks as the burst is read. */
  private burstAllowance = 0;
  private readPending = false;
  private ended = false;
  private readonly endedWith = Promise.withResolvers<ViewerEndReason>();

  constructor(private readonly options: LiveViewerOptions) {
    this.id = options.id;
    this.sid = options.sid;
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        pull: () => {
          this.readPending = true;
          this.deliver();
        },
        cancel: () => {
          this.end("left");
        },
      },
      // highWaterMark 0: the stream asks for a chunk only when its consumer (the socket) wants one.
      { highWaterMark: 0 },
    );
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Resolves (never rejects) with the reason once the viewer has ended. */
  get whenEnded(): Promise<ViewerEndReason> {
    return this.endedWith.promise;
  }

  get backlogBytes(): number {
    return this.queuedBytes;
  }

  /** Queues the ring's start chunks; they do not count against the bound until read. */
  prime(chunks: Uint8Array[]): void {
    for (const chunk of chunks) {
      this.burstAllowance += chunk.length;
      this.enqueue(chunk);
    }
    this.deliver();
  }

  /** Offers a shared chunk; returns false when the viewer has ended (or was dropped now). */
  push(chunk: Uint8Array): boolean {
    if (this.ended) return false;
    if (this.queuedBytes + chunk.length > this.options.maxQueueBytes + this.burstAllowance) {
      this.end("dropped");
      return false;
    }
    this.enqueue(chunk);
    this.deliver();
    return true;
  }

  /** Ends the viewer: its queue is released and its stream closes (the response ends). */
  end(reason: ViewerEndReason): void {
    if (this.ended) return;
    this.ended = true;
    this.queue = [];
    this.queueHead = 0;
    this.queuedBytes = 0;
    try {
      // Finished cleanly rather than errored: Bun prints every errored response stream, and the
      // socket of a client that stopped reading is reaped by the server's idle timeout anyway.
      if (reason !== "left") this.controller?.close();
    } catch {
      // Already closed or errored by the consumer side.
    }
    this.options.onEnd(this, reason);
    this.endedWith.resolve(reason);
  }

  private enqueue(chunk: Uint8Array): void {
    this.queue.push(chunk);
    this.queuedBytes += chunk.length;
  }

  private deliver(): void {
    if (!this.readPending || this.ended || this.queueHead >= this.queue.length) return;
    const chunk = this.queue[this.queueHead] as Uint8Array;
    this.queue[this.queueHead] = EMPTY;
    this.queueHead += 1;
    if (this.queueHead === this.queue.length) {
      this.queue = [];
      this.queueHead = 0;
    } else if (this.queueHead > 1024) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
    this.queuedBytes -= chunk.length;
    this.burstAllowance = Math.max(0, this.burstAllowance - chunk.length);
    this.readPending = false;
    this.options.onDelivered(chunk.length);
    this.controller?.enqueue(chunk);
  }
}

const EMPTY = new Uint8Array(0);
