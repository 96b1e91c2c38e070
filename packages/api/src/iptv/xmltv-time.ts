import { zoneOffsetResolver } from "./_zone-offset.ts";

/**
 * The zone for XMLTV times that carry no offset: minutes east of UTC (`60` for +0100), or an
 * IANA zone name (`"Europe/London"`) when the guide follows local daylight saving time.
 */
export type DefaultTimeZone = number | string;

const TIME =
  /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?(?:\.\d+)?\s*(?:([+-])(\d{2}):?(\d{2})?|(Z|UTC|GMT))?$/i;

/**
 * Builds a reader of XMLTV times (`YYYYMMDDhhmmss ±hhmm`, with trailing fields optional as the
 * DTD allows, down to `YYYYMMDD`) returning UTC epoch milliseconds, or undefined when the text is not a valid time.
 */
export function xmltvTimeReader(defaultZone: DefaultTimeZone = 0): (text: string) => number | undefined {
  const localToUtc =
    typeof defaultZone === "number"
      ? (local: number) => local - defaultZone * 60_000
      : zoneOffsetResolver(defaultZone);
  // A programme usually starts when the one before stops: remember the last answer.
  let lastText = "";
  let lastValue: number | undefined;
  return (text) => {
    if (text === lastText) return lastValue;
    lastText = text;
    lastValue = read(text);
    return lastValue;
  };

  function read(text: string): number | undefined {
    const match = TIME.exec(text.trim());
    if (match === null) return undefined;
    const [, y, mo, d, h = "00", mi = "00", s = "00", sign, oh, om = "00", utc] = match;
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    const hour = Number(h);
    const minute = Number(mi);
    const second = Number(s);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
    if (hour > 23 || minute > 59 || second > 60) return undefined;
    const local = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59));
    if (utc !== undefined) return local;
    if (sign === undefined) return localToUtc(local);
    const offset = Number(oh) * 60 + Number(om);
    if (offset > 14 * 60 || Number(om) > 59) return undefined;
    return local - (sign === "-" ? -offset : offset) * 60_000;
  }
}

/** Reads one XMLTV time with a fixed default offset; see `xmltvTimeReader`. */
export function parseXmltvTime(text: string, defaultOffsetMinutes = 0): number | undefined {
  return xmltvTimeReader(defaultOffsetMinutes)(text);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS[month - 1] ?? 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}
