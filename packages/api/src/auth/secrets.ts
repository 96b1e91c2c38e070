/**
 * Opaque secrets (refresh tokens, API keys, e-mail tokens): high-entropy random strings with a
 * recognisable prefix, stored only as a SHA-256 digest. Entropy this high needs no slow hash.
 */

export function randomSecret(prefix: string, bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return prefix + Buffer.from(raw).toString("base64url");
}

export function sha256Hex(value: string): string {
  return new Bun.CryptoHasher("sha256").update(value).digest("hex");
}
