/**
 * One live channel on one node: a single upstream connection whose packet-aligned chunks go,
 * by reference, to every viewer. The upstream fails over between sources while viewers stay
 * connected, and closes a little after the last viewer left.
 */
import { EdgeError } from "../errors/edge-error.ts";
import { errorFields, type Logger } from "../logger.ts";
import type { UpstreamFetch } from "../net/guarded-fetch.ts";
import { OutboundRefusedError } from "../net/outbound-refusal.ts";
import { backoffMs, sleep } from "../upstream/backoff.ts";
import { SlotLease } from "../upstream/slot-lease.ts";
import type { Source, UpstreamSlots } from "../upstream/source.ts";
import type { LiveConfig, LiveCounters } from "./live-config.ts";
import { LiveViewer, type ViewerEndReason } from "./live-viewer.ts";
import { RingBuffer } from "./ring-buffer.ts";
import { PacketAligner } from "./ts-packets.ts";

export interface LiveChannelDeps {
  streamId: string;
  /** The channel's TS sources, best first (looked up again at each failover). */
  sources: () => Promise<Source[]>;
  slots: UpstreamSlots | undefined;
  fetch: UpstreamFetch;
  config: LiveConfig;
  counters: LiveCounters;
  logger: Logger;
  /** Called once when the channel has closed, so its hub forgets it. */
  onClosed: (channel: LiveChannel) => void;
}

export interface ChannelInfo {
  streamId: string;
  viewers: number;
  sourceId: string | null;
  accountId: string | null;
}

let nextViewerId = 1;

export class LiveChannel {
  readonly streamId: string;
  private readonly viewers = new Set<LiveViewer>();
  private readonly ring: RingBuffer;
  private readonly aligner = new PacketAligner();
  private readonly stop = new AbortController();
  private readonly ready = Promise.withResolvers<void>();
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private lingerTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly watchdog: ReturnType<typeof setInterval>;
  private attempt: AbortController | undefined;
  private attemptStartedAt = 0;
  private lastByteAt = Date.now();
  private hadData = false;
  private readonly lease: SlotLease;
  private current: Source | undefined;
  private closed = false;
  private readonly running: Promise<void>;

  constructor(private readonly deps: LiveChannelDeps) {
    this.streamId = deps.streamId;
    this.ring = new RingBuffer(deps.config.ringBytes);
    this.lease = new SlotLease(deps.streamId, deps.slots, deps.logger);
    this.ready.promise.catch(() => {});
    this.watchdog = setInterval(() => this.checkStall(), Math.min(1000, deps.config.stallTimeoutMs / 4));
    this.running = this.run().catch((error: unknown) => {
      deps.logger.error({ streamId: this.streamId, ...errorFields(error) }, "live channel loop failed");
      this.close("upstream_lost");
    });
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  info(): ChannelInfo {
    return {
      streamId: this.streamId,
      viewers: this.viewers.size,
      sourceId: this.current?.id ?? null,
      accountId: this.current?.accountId ?? null,
    };
  }

  /** Adds a viewer, primed with the ring so it gets bytes at once. */
  addViewer(sid: string): LiveViewer {
    if (this.closed) throw new EdgeError("upstream_failed", `Channel "${this.streamId}" has closed`);
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
    const viewer = new LiveViewer({
      id: nextViewerId++,
      sid,
      maxQueueBytes: this.deps.config.viewerQueueBytes,
      onEnd: (ended, reason) => this.removeViewer(ended, reason),
      onDelivered: (bytes) => {
        this.deps.counters.bytesOut += bytes;
      },
    });
    this.viewers.add(viewer);
    this.deps.counters.viewers += 1;
    viewer.prime(this.ring.startChunks());
    return viewer;
  }

  /** Resolves once the channel has bytes; rejects when every source failed before any arrived. */
  async waitReady(timeoutMs: number): Promise<void> {
    if (this.hadData) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new EdgeError("upstream_failed", `Channel "${this.streamId}" did not start in time`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.ready.promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the viewers whose screen session is in `sids`; returns how many. */
  revoke(sids: ReadonlySet<string>): number {
    let count = 0;
    for (const viewer of [...this.viewers]) {
      if (sids.has(viewer.sid)) {
        viewer.end("revoked");
        count += 1;
      }
    }
    return count;
  }

  close(reason: ViewerEndReason = "channel_closed"): void {
    if (this.closed) return;
    this.closed = true;
    this.stop.abort();
    this.attempt?.abort();
    clearInterval(this.watchdog);
    clearTimeout(this.flushTimer);
    clearTimeout(this.lingerTimer);
    this.ready.reject(new EdgeError("upstream_failed", `Channel "${this.streamId}" has closed`));
    for (const viewer of [...this.viewers]) viewer.end(reason);
    this.ring.clear();
    this.pending = [];
    this.deps.onClosed(this);
  }

  /** Resolves when the upstream loop has wound down and its slot is released. */
  async settled(): Promise<void> {
    await this.running;
  }

  private removeViewer(viewer: LiveViewer, reason: ViewerEndReason): void {
    if (!this.viewers.delete(viewer)) return;
    this.deps.counters.viewers -= 1;
    if (reason === "dropped") {
      this.deps.counters.droppedViewers += 1;
      this.deps.logger.info(
        { streamId: this.streamId, viewerId: viewer.id, sid: viewer.sid },
        "viewer fell behind, dropped",
      );
    }
    if (this.viewers.size === 0 && !this.closed) {
      this.lingerTimer = setTimeout(() => {
        if (this.viewers.size === 0) this.close();
      }, this.deps.config.lingerMs);
    }
  }

  private checkStall(): void {
    const now = Date.now();
    const { stallTimeoutMs, giveUpMs } = this.deps.config;
    if (
      this.attempt !== undefined &&
      now - Math.max(this.lastByteAt, this.attemptStartedAt) > stallTimeoutMs
    ) {
      this.deps.logger.warn({ streamId: this.streamId, sourceId: this.current?.id }, "upstream stalled");
      this.attempt.abort();
    }
    if (this.hadData && now - this.lastByteAt > giveUpMs) {
      this.deps.logger.warn({ streamId: this.streamId }, "no upstream bytes for too long, closing channel");
      this.close("upstream_lost");
    }
  }

  private async run(): Promise<void> {
    let index = 0;
    let failedInRow = 0;
    let slotDenials = 0;
    while (!this.closed) {
      const sources = await this.deps.sources().catch((error: unknown) => {
        this.deps.logger.warn({ streamId: this.streamId, ...errorFields(error) }, "source lookup failed");
        return [] as Source[];
      });
      if (this.closed) break;
      const source = sources[index % Math.max(1, sources.length)];
      let healthy = false;
      if (source !== undefined && (await this.lease.take(source))) {
        healthy = await this.readFrom(source);
      } else if (source !== undefined) {
        slotDenials += 1;
      }
      if (this.closed) break;
      // Only a connection that carried data for a while resets the backoff, so a source that
      // answers and dies at once cannot spin the loop.
      failedInRow = healthy ? 0 : failedInRow + 1;
      if (healthy) slotDenials = 0;
      if (this.hadData) this.deps.counters.failovers += 1;
      index += 1;
      const cycle = Math.max(1, sources.length);
      if (!this.hadData && failedInRow >= cycle) {
        const code =
          slotDenials >= cycle ? "no_upstream_slot" : sources.length === 0 ? "no_source" : "upstream_failed";
        this.ready.reject(new EdgeError(code, `No source of channel "${this.streamId}" could be opened`));
        this.close("upstream_lost");
        break;
      }
      await sleep(failedInRow < cycle ? 0 : backoffMs(failedInRow - cycle + 1), this.stop.signal);
    }
    await this.lease.release();
  }

  /** Streams one upstream connection into the channel; true when it carried data for a second or more. */
  private async readFrom(source: Source): Promise<boolean> {
    const attempt = new AbortController();
    this.attempt = attempt;
    this.attemptStartedAt = Date.now();
    this.current = source;
    this.aligner.reset();
    let gotData = false;
    let open = false;
    try {
      const response = await this.deps.fetch(source.url, { signal: attempt.signal, redirect: "follow" });
      if (!response.ok || response.body === null) {
        await response.body?.cancel();
        throw new Error(`upstream answered ${response.status}`);
      }
      open = true;
      this.deps.counters.upstreamsOpen += 1;
      this.deps.logger.info({ streamId: this.streamId, sourceId: source.id }, "upstream open");
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) throw new Error("upstream ended");
          if (value.length === 0) continue;
          gotData = true;
          this.ingest(value);
        }
      } finally {
        reader.releaseLock();
      }
    } catch (error) {
      if (!this.closed) {
        this.deps.logger.warn(
          { streamId: this.streamId, sourceId: source.id, ...errorFields(error) },
          error instanceof OutboundRefusedError ? "upstream refused" : "upstream lost",
        );
      }
    } finally {
      attempt.abort();
      this.attempt = undefined;
      if (open) this.deps.counters.upstreamsOpen -= 1;
      this.flush();
    }
    return gotData && Date.now() - this.attemptStartedAt >= 1000;
  }

  private ingest(data: Uint8Array): void {
    this.deps.counters.bytesIn += data.length;
    this.lastByteAt = Date.now();
    const aligned = this.aligner.push(data);
    if (aligned.length === 0) return;
    this.pending.push(aligned);
    this.pendingBytes += aligned.length;
    if (this.pendingBytes >= this.deps.config.chunkBytes) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), this.deps.config.flushMs);
  }

  /** Hands the gathered bytes, as one chunk, to the ring and to every viewer. */
  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0 || this.closed) return;
    const chunk =
      this.pending.length === 1 ? (this.pending[0] as Uint8Array) : concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.ring.push(chunk);
    for (const viewer of this.viewers) viewer.push(chunk);
    if (!this.hadData) {
      this.hadData = true;
      this.ready.resolve();
    }
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
