/**
 * The catalog as seen by streaming. Until the catalog module exports stream lookups this
 * directory knows no streams, so routes answer 404 rather than guess.
 */
import type { AppContext } from "../../context.ts";
import type { StreamDirectory } from "./directory.ts";

export function catalogDirectory(_ctx: AppContext): StreamDirectory {
  return {
    async describe() {
      return null;
    },
    async sources() {
      return [];
    },
    async accountLimit() {
      return 1;
    },
  };
}
