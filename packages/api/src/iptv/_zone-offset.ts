/**
 * Converts a wall-clock time in an IANA zone (given as if it were UTC) to real UTC, daylight
 * saving included. Offsets are cached per quarter hour, the finest step real zones change by,
 * so a week of guide data costs a few hundred `Intl` calls. Throws a RangeError for an unknown zone.
 */
export function zoneOffsetResolver(zone: string): (local: number) => number {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  const cache = new Map<number, number>();
  const offsetAt = (utc: number): number => {
    const slot = Math.floor(utc / 900_000);
    const cached = cache.get(slot);
    if (cached !== undefined) return cached;
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(slot * 900_000)) parts[part.type] = Number(part.value);
    const wall = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    const offset = wall - slot * 900_000;
    if (cache.size > 50_000) cache.clear();
    cache.set(slot, offset);
    return offset;
  };
  return (local) => {
    // Two passes settle the offset. A time in the hour that repeats in autumn reads as standard
    // time; one in the spring gap reads with the offset from before the change.
    const guess = local - offsetAt(local);
    return local - offsetAt(guess);
  };
}
