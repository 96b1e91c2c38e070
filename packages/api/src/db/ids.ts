/**
 * Document ids: 26 characters of lowercase Crockford base32 (a ULID spelled in lowercase).
 * The first 10 characters are the millisecond time, the last 16 are 80 random bits, so ids sort
 * by creation time as plain strings (handy for `_id` tie-breaks and time-ordered listings), are
 * URL-safe, and cannot be guessed. Within one millisecond the random part is incremented, so ids
 * made by one process are strictly increasing.
 */

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const RANDOM_BYTES = 10;

let lastTime = -1;
const lastRandom = new Uint8Array(RANDOM_BYTES);

function encodeTime(ms: number): string {
  let out = "";
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/** Adds one to the random part; false on overflow (then the caller moves to the next millisecond). */
function incrementRandom(): boolean {
  for (let i = RANDOM_BYTES - 1; i >= 0; i--) {
    const next = ((lastRandom[i] ?? 0) + 1) & 0xff;
    lastRandom[i] = next;
    if (next !== 0) return true;
  }
  return false;
}

/** A new sortable, URL-safe, unguessable id such as `01j9z3k7qv8e4x2m5n6p7r8s9t`. */
export function newId(): string {
  const now = Date.now();
  if (now > lastTime) {
    lastTime = now;
    crypto.getRandomValues(lastRandom);
  } else if (!incrementRandom()) {
    lastTime += 1;
    crypto.getRandomValues(lastRandom);
  }
  return encodeTime(lastTime) + encodeRandom(lastRandom);
}
