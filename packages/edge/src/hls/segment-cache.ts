/**
 * An in-memory LRU of HLS objects (segments, init sections, keys), bounded in bytes, with request
 * coalescing: however many viewers ask for one object at once, the upstream sees one fetch.
 */

export interface CachedObject {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
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
  private readonly inflight = new Map<string, Promise<CachedObject>>();
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
  get(key: string, load: () => Promise<CachedObject>): Promise<CachedObject> {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Re-insert to mark as most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.counters.hits += 1;
      return Promise.resolve(hit);
    }
    const running = this.inflight.get(key);
    if (running !== undefined) {
      this.counters.coalesced += 1;
      this.counters.hits += 1;
      return running;
    }
    this.counters.misses += 1;
    const loading = load()
      .then((object) => {
        this.store(key, object);
        return object;
      })
      .finally(() => {
        this.inflight.delete(key);
      });
    this.inflight.set(key, loading);
    return loading;
  }

  clear(): void {
    this.entries.clear();
    this.size = 0;
  }

  private store(key: string, object: CachedObject): void {
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
