/** Canonical unpadded base64url (RFC 4648 §5), the encoding of JWS parts and of edge URL refs. */
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

export function encodeBase64Url(bytes: Uint8Array): string {
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true });
}

/**
 * Decodes canonical unpadded base64url; returns undefined for anything else (padding, other
 * alphabets, non-zero trailing bits), so one byte string has exactly one accepted spelling.
 */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  try {
    const bytes = Uint8Array.fromBase64(text, { alphabet: "base64url" });
    return encodeBase64Url(bytes) === text ? bytes : undefined;
  } catch {
    return undefined;
  }
}

export function encodeJsonBase64Url(value: unknown): string {
  return encodeBase64Url(encoder.encode(JSON.stringify(value)));
}

/** Decodes base64url JSON; returns undefined when either layer is malformed. */
export function decodeJsonBase64Url(text: string): unknown {
  const bytes = decodeBase64Url(text);
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
}

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}
