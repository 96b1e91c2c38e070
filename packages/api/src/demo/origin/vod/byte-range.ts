/**
 * Parsing of a single-range `Range: bytes=...` header (RFC 9110 section 14). Multiple ranges are
 * answered with the first one only, which every media player accepts.
 */

export type ByteRange = { start: number; end: number } | "unsatisfiable" | undefined;

/** The inclusive byte range asked for, `"unsatisfiable"`, or `undefined` for the whole body. */
export function parseByteRange(header: string | null, size: number): ByteRange {
  if (header === null) return undefined;
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*(?:,.*)?$/i.exec(header.trim());
  if (!match) return undefined;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return undefined;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return "unsatisfiable";
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  return end < start ? undefined : { start, end };
}
