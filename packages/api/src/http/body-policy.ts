/**
 * What a request body may be, checked once for every route by the pipeline: only a media type
 * the route declares (JSON unless it says otherwise, exactly as the served OpenAPI lists it;
 * 415 `unsupported_media_type` otherwise), and no `__proto__`, `constructor` or `prototype` key
 * at any depth (400 `validation_failed`), since code that copies a body's keys onto an object
 * could otherwise reach a prototype, and a schema check alone let them through on some routes.
 */
import { AppError } from "../errors/app-error.ts";

/** Keys that name or reach an object's prototype. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** The media type a route takes when it declares none: the API speaks JSON. */
export const DEFAULT_BODY_TYPES: readonly string[] = ["application/json"];

/** Elysia's parser names (a route's `parse` option) and the media types they read. */
const PARSER_TYPES: Record<string, string> = {
  json: "application/json",
  "application/json": "application/json",
  text: "text/plain",
  "text/plain": "text/plain",
  urlencoded: "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded": "application/x-www-form-urlencoded",
  formdata: "multipart/form-data",
  "multipart/form-data": "multipart/form-data",
  arrayBuffer: "application/octet-stream",
  "application/octet-stream": "application/octet-stream",
};

/** The parts of a composed route this policy reads (Elysia's `app.routes`). */
export interface RouteShape {
  method: string;
  path: string;
  hooks?: { body?: unknown; parse?: unknown } | undefined;
}

/** The media types a route with a body schema takes: the parsers it names, else JSON. */
export function bodyTypesOf(route: RouteShape): readonly string[] | undefined {
  if (!route.hooks?.body) return undefined;
  const parse = route.hooks.parse;
  const names = (Array.isArray(parse) ? parse : parse === undefined ? [] : [parse])
    .map((p: unknown) => (typeof p === "string" ? p : (p as { fn?: unknown } | null)?.fn))
    .filter((name): name is string => typeof name === "string");
  if (names.length === 0) return DEFAULT_BODY_TYPES;
  return [...new Set(names.map((name) => PARSER_TYPES[name]).filter((type) => type !== undefined))];
}

/** `METHOD path` (Elysia's route pattern) of every route with a body, and the media types it takes. */
export function bodyTypesByRoute(routes: readonly RouteShape[]): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const route of routes) {
    const types = bodyTypesOf(route);
    if (types) out.set(`${route.method} ${route.path}`, types);
  }
  return out;
}

/** The media type of a request's body, lowercased, without parameters ("" when none is named). */
export function mediaTypeOf(request: Request): string {
  const header = request.headers.get("content-type") ?? "";
  return (header.split(";")[0] ?? "").trim().toLowerCase();
}

/**
 * Media types are case-insensitive, Elysia's parsers are not: `Application/JSON` is read as
 * `application/json`. The parameters keep their case (a multipart boundary is case-sensitive).
 */
export function lowerMediaType(request: Request): void {
  const header = request.headers.get("content-type");
  if (header === null || !/[A-Z]/.test(header)) return;
  const cut = header.indexOf(";");
  const essence = cut < 0 ? header : header.slice(0, cut);
  if (!/[A-Z]/.test(essence)) return;
  request.headers.set("content-type", essence.toLowerCase() + (cut < 0 ? "" : header.slice(cut)));
}

/** Whether a request carries a body at all (an empty one is no body). */
export function hasBody(request: Request): boolean {
  const length = request.headers.get("content-length");
  return length === null ? request.body !== null : Number(length) > 0;
}

/** Throws 415 unless the request's body (if it has one) is of a type the route takes. */
export function checkMediaType(request: Request, accepted: readonly string[]): void {
  if (!hasBody(request)) return;
  const type = mediaTypeOf(request);
  if (accepted.includes(type)) return;
  throw unsupportedMediaType(type, accepted);
}

export function unsupportedMediaType(type: string, accepted: readonly string[]): AppError {
  const named = type === "" ? "A body without a Content-Type" : `Content-Type "${type}"`;
  return new AppError(
    "unsupported_media_type",
    `${named} is not accepted here; send ${accepted.map((a) => `"${a}"`).join(" or ")}`,
    { accepted: [...accepted] },
  );
}

/** A JSON pointer (RFC 6901) segment: `~` and `/` escaped. */
function segment(key: string | number): string {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** The pointer of the first forbidden key in a parsed body, depth first; null when there is none. */
export function forbiddenKeyAt(body: unknown): string | null {
  const stack: Array<{ value: unknown; at: string }> = [{ value: body, at: "" }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, at } = next;
    if (typeof value !== "object" || value === null) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], at: `${at}/${i}` });
      continue;
    }
    // Bytes and files (octet-stream and multipart bodies) have no keys to refuse.
    if (value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) continue;
    // Parsers build plain objects: any other prototype was set through a `__proto__` key.
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return `${at}/__proto__`;
    const keys = Object.keys(value);
    const bad = keys.find((key) => FORBIDDEN_KEYS.has(key));
    if (bad !== undefined) return `${at}/${segment(bad)}`;
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      stack.push({ value: (value as Record<string, unknown>)[key], at: `${at}/${segment(key)}` });
    }
  }
  return null;
}

/** Throws 400 when a parsed body holds a prototype key anywhere. */
export function checkKeys(body: unknown): void {
  const at = forbiddenKeyAt(body);
  if (at === null) return;
  const key = at.slice(at.lastIndexOf("/") + 1);
  throw new AppError("validation_failed", `Invalid body at ${at}: the key "${key}" is not allowed`, {
    on: "body",
    errors: [{ path: at, message: `The key "${key}" is not allowed in a request body` }],
  });
}
