/**
 * Resolution with every address checked lives in the edge package, whose upstream fetches are
 * guarded the same way; the API's outgoing connections (domain verification, imports) use that one.
 */
export {
  type Lookup,
  type Resolution,
  type ResolvedAddress,
  type ResolveOptions,
  resolvePublic,
  systemLookup,
} from "@nevewatch/edge";
