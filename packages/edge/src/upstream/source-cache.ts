/**
 * A TTL cache in front of the source lookup: concurrent lookups for one stream share one call,
 * failures are remembered briefly so a broken API is not hammered by every viewer.
 */
import { EdgeError } from "../errors/edge-error.ts";
import type { StreamType } from "../token/claims.ts";
import type { Source, SourceLookup } from "./source.ts";

interface Entry {
  at: number;
  result: Promise<Source[]>;
}

export interface SourceCacheOptions {
  ttlMs: number;
  /** How long a failed lookup is remembered. */
  failureTtlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export function createSourceCache(lookup: SourceLookup, options: SourceCacheOptions): SourceLookup {
  const entries = new Map<string, Entry>();
  const now = options.now ?? Date.now;
  const failureTtl = options.failureTtlMs ?? 2000;
  const maxEntries = options.maxEntries ?? 10_000;

  return (type: StreamType, streamId: string) => {
    const key = `${type}/${streamId}`;
    const entry = entries.get(key);
    if (entry !== undefined && now() - entry.at < options.ttlMs) return entry.result;
    const result = lookup(type, streamId).catch((error: unknown) => {
      const current = entries.get(key);
      if (current?.result === result) current.at = now() - options.ttlMs + failureTtl;
      throw error instanceof EdgeError
        ? error
        : new EdgeError("sources_unavailable", `Sources for ${type} stream "${streamId}" are unavailable`);
    });
    // The stored promise is awaited by whoever asks next; mark this copy handled.
    result.catch(() => {});
    if (entries.size >= maxEntries && !entries.has(key)) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
    entries.set(key, { at: now(), result });
    return result;
  };
}
