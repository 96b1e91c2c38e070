/**
 * Readers for Xtream Codes JSON, where the same field is a number, a numeric string, an
 * empty string or null depending on the panel. Each returns undefined for "nothing there".
 */
export type Json = Record<string, unknown>;

export function text(value: unknown): string | undefined {
  if (typeof value === "string") {
    const trimmed = value.trim();
    return trimmed === "" || trimmed.toLowerCase() === "null" ? undefined : trimmed;
  }
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

export function number(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const parsed = Number(value.trim().replace(",", "."));
  return Number.isFinite(parsed) ? parsed : undefined;
}

export function integer(value: unknown): number | undefined {
  const parsed = number(value);
  return parsed === undefined ? undefined : Math.trunc(parsed);
}

export function flag(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  const parsed = number(value);
  return parsed !== undefined && parsed !== 0;
}

/** Unix seconds (as panels send `added`, `exp_date`, `last_modified`) to epoch milliseconds. */
export function epochMs(value: unknown): number | undefined {
  const seconds = integer(value);
  return seconds === undefined || seconds <= 0 ? undefined : seconds * 1000;
}

export function record(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** A list, whether the panel sent an array, an object keyed by index (PHP), or nothing. */
export function list(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (value === null || value === undefined || value === "") return [];
  const object = record(value);
  return object === undefined ? undefined : Object.values(object);
}

export function strings(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(text).filter((item): item is string => item !== undefined);
  const single = text(value);
  return single === undefined ? [] : [single];
}

/** Assigns only defined values, as `exactOptionalPropertyTypes` wants. */
export function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
