/** Upstream sources and the ports through which the edge learns about and leases them. */
import type { StreamFormat, StreamType } from "../token/claims.ts";

/** One way to reach a stream upstream; sources come in priority order. */
export interface Source {
  id: string;
  url: string;
  format: StreamFormat;
  /** The upstream account the source uses, when the account limits its connections. */
  accountId: string | null;
}

/** Looks up a stream's sources, best first. */
export type SourceLookup = (type: StreamType, streamId: string) => Promise<Source[]>;

/** Leases on upstream connections, so the API can enforce each account's max_connections. */
export interface UpstreamSlots {
  /** True when the edge may open a connection to `source` for `streamId`. */
  acquire(streamId: string, source: Source): boolean | Promise<boolean>;
  release(streamId: string, source: Source): void | Promise<void>;
}
