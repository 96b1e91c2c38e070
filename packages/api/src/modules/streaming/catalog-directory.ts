/**
 * The catalog as seen by streaming: stream descriptions, sources with upstream credentials
 * applied, and upstream accounts' connection limits.
 */
import type { AppContext } from "../../context.ts";
import { accountLimit, describeStream, itemTypeOf, resolveSources } from "../catalog/mod.ts";
import type { StreamDirectory } from "./directory.ts";

export function catalogDirectory(ctx: AppContext): StreamDirectory {
  return {
    describe: (type, id) => describeStream(ctx, type, id),
    async sources(info) {
      const sources = await resolveSources(ctx, info.storeId, itemTypeOf(info.type), info.id);
      return sources.map((s) => ({ id: s.id, url: s.url, format: s.format, accountId: s.accountId }));
    },
    accountLimit: (accountId) => accountLimit(ctx, accountId),
  };
}
