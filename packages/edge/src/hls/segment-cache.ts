/**
 * An in-memory LRU of HLS objects (segments, init sections, keys), bounded in bytes, with request
 * coalescing: however many viewers ask for one object at once, the upstream sees one fetch. The
 * first fetch streams to every waiting viewer as its bytes arrive and enters the LRU once whole;
 * one that fails mid-body fails its viewers' bodies and is not kept.
 */
import { SharedDownload } from "./shared-download.ts";

export interface CachedObject {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

/** What a loader hands the cache: the upstream's headers are in, its body may still be coming. */
export interface IncomingObject {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  /** The upstream's declared length, when it declared one. */
  length: number | undefined;
}

/** An object for one viewer: whole from memory, or streaming from the download under way. */
export interface CacheAnswer {
  body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;
  contentType: string;
  length: number | undefined;
}

interface Loading {
  download: SharedDownload;
  contentType: string;
  length: number | undefined;
}

export interface SegmentCacheStats {
  hits: number;
  misses: number;
  /** Requests that waited on another request's upstream fetch. */
  coalesced: number;
  bytes: number;
  entries: number;
  evictions: number;
}

export class SegmentCache {
  private readonly entries = new Map<string, CachedObject>();
  private readonly inflight = new Map<string, Promise<Loading>>();
  private size = 0;
  private readonly counters = { hits: 0, misses: 0, coalesced: 0, evictions: 0 };

  constructor(
    private readonly maxBytes: number,
    /** Objects larger than this are served but not kept. */
    private readonly maxObjectBytes: number = Math.max(1, Math.floor(maxBytes / 4)),
  ) {}

  stats(): SegmentCacheStats {
    return { ...this.counters, bytes: this.size, entries: this.entries.size };
  }

  /** The object for `key`: from memory, from a fetch already running, or from `load` (once). */
  get(key: string, load: () => Promise<IncomingObject>): Promise<CacheAnswer> {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Re-insert to mark as most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.counters.hits += 1;
      return Promise.resolve({ body: hit.body, contentType: hit.contentType, length: hit.body.length });
    }
    const running = this.inflight.get(key);
    if (running !== undefined) {
      this.counters.coalesced += 1;
      this.counters.hits += 1;
      return running.then(follow);
    }
    this.counters.misses += 1;
    const loading = load().then((incoming): Loading => {
      const download = new SharedDownload(incoming.body, incoming.length, this.maxObjectBytes);
      void download.finished.then((body) => {
        if (this.inflight.get(key) === loading) this.inflight.delete(key);
        if (body !== undefined) this.store(key, { body, contentType: incoming.contentType });
      });
      return { download, contentType: incoming.contentType, length: incoming.length };
    });
    this.inflight.set(key, loading);
    // A load that fails before its headers frees the key at once (its callers see the rejection).
    loading.catch(() => {
      if (this.inflight.get(key) === loading) this.inflight.delete(key);
    });
    return loading.then(follow);
  }

  clear(): void {
    this.entries.clear();
    this.size = 0;
  }

  private store(key: string, object: CachedObject): void {
    if (this.entries.has(key)) return;
    if (object.body.length > this.maxObjectBytes) return;
    this.entries.set(key, object);
    this.size += object.body.length;
    for (const [oldKey, old] of this.entries) {
      if (this.size <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.size -= old.body.length;
      this.counters.evictions += 1;
    }
  }
}

function follow(loading: Loading): CacheAnswer {
  return { body: loading.download.follow(), contentType: loading.contentType, length: loading.length };
}
