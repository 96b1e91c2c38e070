/**
 * What streaming needs to know about a stream, independent of how the catalog stores it:
 * its store and packages (for entitlements), its format and its upstream sources. Stream types
 * and formats are the edge wire contract's.
 */
import type { StreamFormat, StreamType } from "@nevewatch/edge";

export type { StreamFormat, StreamType };

export interface StreamInfo {
  id: string;
  storeId: string;
  type: StreamType;
  /** Channel packages containing the stream; plans include packages. */
  packageIds: string[];
  /** The format of the preferred source. */
  format: StreamFormat;
}

export interface EdgeSource {
  id: string;
  url: string;
  format: StreamFormat;
  accountId: string | null;
}

export interface StreamDirectory {
  describe(type: string, id: string): Promise<StreamInfo | null>;
  /** Sources in priority order, upstream credentials applied. */
  sources(info: StreamInfo): Promise<EdgeSource[]>;
  /** Concurrent upstream connections an account allows. */
  accountLimit(accountId: string): Promise<number>;
}
