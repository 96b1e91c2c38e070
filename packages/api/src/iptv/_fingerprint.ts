/**
 * A 53-bit hash of two strings (two FNV-1a passes with different seeds), so that duplicate
 * detection keeps one number per entry instead of its URL. A collision only costs a spurious
 * warning, and at 10^6 entries its odds are about 10^-4.
 */
export function fingerprint(a: string, b: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (const text of [a, b]) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 0x01000193);
      h2 = Math.imul(h2 ^ code, 0x0100019d);
    }
    // A separator so that ("ab", "c") and ("a", "bc") differ.
    h1 = Math.imul(h1 ^ 0xffff, 0x01000193);
    h2 = Math.imul(h2 ^ 0xffff, 0x0100019d);
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}
