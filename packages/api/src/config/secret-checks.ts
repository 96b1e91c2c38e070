/**
 * Checks of secret values, each answering a problem sentence (or undefined when the value is
 * fine) that the config schema puts after the variable's name, followed by how to make a good one.
 * Nothing here ever repeats a secret's value.
 */

/** The commands operators run to make each secret; problem messages end with one. */
export const SECRET_FIX = {
  JWT_SECRET: "generate one with: openssl rand -base64 48",
  NODE_SECRET_PEPPER: "generate one with: openssl rand -base64 48",
  ENCRYPTION_KEY: "generate one with: openssl rand -base64 32",
  ENCRYPTION_KEYS_PREVIOUS: "list the earlier ENCRYPTION_KEY values exactly as they were set",
  ROUTE_TOKEN_PRIVATE_KEY: "generate a pair with: nevewatch-api keys generate",
  ROUTE_TOKEN_PUBLIC_KEY: "generate a pair with: nevewatch-api keys generate",
} as const;

export type SecretName = keyof typeof SECRET_FIX;

/** Symmetric secrets carry at least 256 bits as text (HS256 wants a key as long as its hash). */
export const MIN_SECRET_LENGTH = 32;
/** Below this many estimated bits a secret counts as guessable. */
const MIN_ESTIMATED_BITS = 80;
const MIN_DISTINCT_SYMBOLS = 8;

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/**
 * The 32 raw bytes of an AES-256 key written as standard base64 (padding optional), or why the
 * text is not one. Strict: Buffer.from would skip stray characters and read 44 characters without
 * padding as 33 bytes, which then fails only when the first credential is sealed.
 */
export function decodeEncryptionKey(text: string): Uint8Array | string {
  const trimmed = text.trim();
  if (!STANDARD_BASE64.test(trimmed)) return "must be standard base64 (A-Z a-z 0-9 + /, = padding)";
  const bytes = Uint8Array.fromBase64(trimmed, { lastChunkHandling: "loose" });
  if (bytes.length !== 32) return `must decode to 32 bytes for AES-256, got ${bytes.length}`;
  if (bytes.toBase64().replace(/=+$/, "") !== trimmed.replace(/=+$/, ""))
    return "is not canonical base64 (its last character carries stray bits)";
  return bytes;
}

/**
 * What makes a sequence of symbols (characters, or bytes of a key) too predictable to be a
 * secret, said as a noun phrase: a short pattern repeated, a tiny alphabet, runs of equal or consecutive symbols, or too few
 * bits by its own symbol frequencies. Meant for values a person may have typed; random output of
 * `openssl rand` passes with a wide margin (32 hex characters estimate 116 ± 4 bits, a 32-byte key ~150, 48 base64 bytes ~350).
 */
export function predictability(symbols: readonly number[]): string | undefined {
  const n = symbols.length;
  if (n === 0) return "no symbols at all";
  for (let period = 1; period <= n / 2; period++) {
    let repeats = true;
    for (let i = period; i < n && repeats; i++) repeats = symbols[i] === symbols[i - period];
    if (repeats) return `one pattern of ${period} ${period === 1 ? "symbol" : "symbols"} repeated`;
  }
  const counts = new Map<number, number>();
  for (const s of symbols) counts.set(s, (counts.get(s) ?? 0) + 1);
  if (counts.size < MIN_DISTINCT_SYMBOLS) return `only ${counts.size} different symbols`;
  let steps = 0;
  for (let i = 1; i < n; i++) if (Math.abs((symbols[i] ?? 0) - (symbols[i - 1] ?? 0)) <= 1) steps++;
  if (steps * 4 >= (n - 1) * 3) return "mostly runs of equal or consecutive symbols";
  let bitsPerSymbol = 0;
  for (const count of counts.values()) bitsPerSymbol -= (count / n) * Math.log2(count / n);
  const bits = Math.floor(bitsPerSymbol * n);
  if (bits < MIN_ESTIMATED_BITS) return `about ${bits} bits of randomness, fewer than ${MIN_ESTIMATED_BITS}`;
  return undefined;
}

/** The code points of a text, for `predictability`. */
export function codePoints(text: string): number[] {
  return [...text].map((c) => c.codePointAt(0) ?? 0);
}
