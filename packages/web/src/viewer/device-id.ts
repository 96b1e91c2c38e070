/**
 * This browser's device id: one screen per device. The route API takes it as `screen`, so a
 * reload or a new tab of the same browser takes its own screen back at once instead of
 * counting as another device; a free trial is also granted once per device id.
 */
const KEY = "nevewatch.device";

export function deviceId(): string {
  try {
    const known = localStorage.getItem(KEY);
    if (known && /^[A-Za-z0-9._-]{8,128}$/.test(known)) return known;
    const made = crypto.randomUUID();
    localStorage.setItem(KEY, made);
    return made;
  } catch {
    // Storage refused (private mode): one id for the life of the page.
    fallback ??= crypto.randomUUID();
    return fallback;
  }
}

let fallback: string | undefined;
