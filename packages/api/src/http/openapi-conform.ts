/**
 * The served OpenAPI document made to follow the OpenAPI rules the plugin's output misses, in
 * one place rather than in every route: every operation declares its security (`[]` for the
 * public ones and the player outputs, which authenticate by line credentials in the URL; the
 * node scheme for the edge's calls), a 204 answer has no body, the WebSocket route is described
 * as the GET that upgrades, and the document names its server. Request bodies list the media
 * types the pipeline takes (`body-policy.ts`: JSON unless a route names its parsers), and an
 * operation with a body documents the 400 and 415 problems the pipeline answers for any body.
 */
import { DEFAULT_BODY_TYPES } from "./body-policy.ts";

type Json = Record<string, unknown>;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Node calls carry `Authorization: Node <id>:<credential>`; registration trades a one-time secret. */
const NODE_SECURITY = [{ node: [] }];
const isNodeCall = (path: string) => path.startsWith("/v1/edge/") && path !== "/v1/edge/register";

export const NODE_SECURITY_SCHEME = {
  type: "apiKey",
  in: "header",
  name: "Authorization",
  description: "`Node <nodeId>:<credential>`, the credential an edge node got from `POST /v1/edge/register`",
} as const;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A response whose `content` is not a map of media types (the plugin writes `{ type: "void" }`) has none. */
function withoutFalseContent(responses: unknown): void {
  if (!isRecord(responses)) return;
  for (const response of Object.values(responses)) {
    if (!isRecord(response) || !("content" in response)) continue;
    const content = response.content;
    if (!isRecord(content) || Object.values(content).some((media) => !isRecord(media)))
      delete response.content;
  }
}

/** What the plugin writes for a body whose route names no parser: JSON, form and multipart alike. */
const PLUGIN_DEFAULT_TYPES = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];

const PROBLEM = { $ref: "#/components/schemas/Problem" };
const BODY_PROBLEMS: Record<string, string> = {
  "400": "The body is malformed, invalid, or holds a `__proto__` / `constructor` / `prototype` key",
  "415": "The body's Content-Type is not one this operation takes",
};

/** A route that names no parser takes JSON only (the pipeline refuses the rest with 415). */
function withDeclaredBodyTypes(operation: Json): void {
  const body = operation.requestBody;
  if (!isRecord(body) || !isRecord(body.content)) return;
  const content = body.content;
  const types = Object.keys(content);
  const byDefault =
    types.length === PLUGIN_DEFAULT_TYPES.length && PLUGIN_DEFAULT_TYPES.every((t) => t in content);
  if (byDefault) body.content = Object.fromEntries(DEFAULT_BODY_TYPES.map((t) => [t, content[t]]));
  if (!isRecord(operation.responses)) operation.responses = {};
  const responses = operation.responses as Json;
  for (const [status, description] of Object.entries(BODY_PROBLEMS))
    responses[status] ??= { description, content: { "application/json": { schema: PROBLEM } } };
}

/** OpenAPI has no `ws` method: the route is the GET a client upgrades to a WebSocket. */
function webSocketAsGet(item: Json): void {
  const ws = item.ws;
  delete item.ws;
  if (!isRecord(ws) || item.get !== undefined) return;
  item.get = {
    ...ws,
    description:
      "A WebSocket: open it with an `Upgrade: websocket` GET. Messages are JSON; see the realtime module for the topics.",
    responses: { "101": { description: "Switching Protocols: the connection is now the WebSocket" } },
  };
}

/**
 * Schemas converted from zod (the edge contract) start with a `$schema` of their own: drop it,
 * the document's dialect (JSON Schema 2020-12) applies.
 */
function withoutDialects(value: unknown): void {
  if (Array.isArray(value)) for (const item of value) withoutDialects(item);
  if (!isRecord(value)) return;
  if (typeof value.$schema === "string" && value.$schema.startsWith("https://json-schema.org/"))
    delete value.$schema;
  for (const child of Object.values(value)) withoutDialects(child);
}

/**
 * The plugin writes a named schema (`Problem`, `ProblemCode`, `Permission`: models, which Elysia
 * marks with an `$id` naming their component) out in full wherever it is used, over 400 copies
 * of Problem alone: each copy becomes a reference to the one component, and the components lose
 * the `$id` (a bare fragment, which JSON Schema does not allow as an id).
 */
function namedSchemasByReference(doc: Json): void {
  const schemas = isRecord(doc.components) && isRecord(doc.components.schemas) ? doc.components.schemas : {};
  const named = new Set(Object.keys(schemas).map((name) => `#/components/schemas/${name}`));
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (isRecord(child) && typeof child.$id === "string" && named.has(child.$id))
        value[key] = { $ref: child.$id };
      else visit(child);
    }
  };
  for (const schema of Object.values(schemas)) {
    if (!isRecord(schema)) continue;
    if (typeof schema.$id === "string" && named.has(schema.$id)) delete schema.$id;
    visit(schema);
  }
  visit(doc.paths);
}

export function conformOpenApi(document: Json): Json {
  const doc = structuredClone(document);
  withoutDialects(doc.paths);
  withoutDialects(doc.components);
  namedSchemasByReference(doc);
  if (!Array.isArray(doc.servers) || doc.servers.length === 0)
    doc.servers = [{ url: "/", description: "The API answering this document" }];
  const paths = isRecord(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    webSocketAsGet(item);
    for (const method of METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      if (operation.security === undefined) operation.security = isNodeCall(path) ? NODE_SECURITY : [];
      withoutFalseContent(operation.responses);
      withDeclaredBodyTypes(operation);
    }
  }
  return doc;
}

const conformed = new WeakMap<object, Json>();

/** `conformOpenApi`, once per document the plugin builds (it rebuilds only when routes change). */
export function conformedOnce(document: Json): Json {
  let doc = conformed.get(document);
  if (!doc) {
    doc = conformOpenApi(document);
    conformed.set(document, doc);
  }
  return doc;
}
