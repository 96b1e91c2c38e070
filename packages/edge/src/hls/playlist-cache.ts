/**
 * Rewritten playlists, shared by every viewer of a stream: an upstream playlist is fetched at
 * most once per refresh interval however many viewers poll it, and rewritten once per fetch into
 * a template that only lacks the viewer's session key.
 */

export interface PlaylistTemplate {
  template: string;
  /** The playlist is complete (#EXT-X-ENDLIST) and will not change. */
  ended: boolean;
  /** A multivariant playlist (its URIs are playlists), not a media playlist. */
  master?: boolean;
}

interface Entry {
  value: PlaylistTemplate | undefined;
  fetchedAt: number;
  loading: Promise<PlaylistTemplate> | undefined;
}

export interface PlaylistCacheOptions {
  refreshMs: number;
  endedTtlMs: number;
  staleMs: number;
  maxEntries?: number;
  now?: () => number;
}

export class PlaylistCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: PlaylistCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get(key: string, load: () => Promise<PlaylistTemplate>): Promise<PlaylistTemplate> {
    const entry = this.entries.get(key) ?? this.create(key);
    const value = entry.value;
    const age = this.now() - entry.fetchedAt;
    if (value !== undefined && age < (value.ended ? this.options.endedTtlMs : this.options.refreshMs)) {
      return Promise.resolve(value);
    }
    entry.loading ??= load()
      .then((loaded) => {
        entry.value = loaded;
        entry.fetchedAt = this.now();
        return loaded;
      })
      .catch((error: unknown) => {
        // A recent copy beats an error while the upstream hiccups.
        const stale = entry.value;
        if (stale !== undefined && this.now() - entry.fetchedAt < this.options.staleMs) return stale;
        throw error;
      })
      .finally(() => {
        entry.loading = undefined;
      });
    return entry.loading;
  }

  private create(key: string): Entry {
    const entry: Entry = { value: undefined, fetchedAt: 0, loading: undefined };
    if (this.entries.size >= (this.options.maxEntries ?? 5000)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, entry);
    return entry;
  }
}
