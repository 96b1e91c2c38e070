/**
 * This browser's device id: a random UUID kept in localStorage under `nevewatch.device`, made
 * on first use. The route API takes it as `screen`, so a reload or a new tab of the same
 * browser takes its own screen back at once instead of counting as another device, and the
 * API grants a free trial once per device id. It is no secret and proves nothing, so it only
 * ever narrows what an account may do.
 */
const KEY = "nevewatch.device";

/** `crypto.randomUUID` exists only in secure contexts; a LAN address over plain http has none. */
function randomUuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let fallback: string | undefined;

export function deviceId(): string {
  try {
    const known = localStorage.getItem(KEY);
    // The route API accepts [A-Za-z0-9._-]: anything else (edited by hand) is replaced.
    if (known && /^[A-Za-z0-9._-]{8,128}$/.test(known)) return known;
    const made = randomUuid();
    localStorage.setItem(KEY, made);
    return made;
  } catch {
    // Storage refused (a locked-down private window): one id for this page's life.
    fallback ??= randomUuid();
    return fallback;
  }
}
