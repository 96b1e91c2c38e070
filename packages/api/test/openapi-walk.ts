/**
 * Walks the served OpenAPI document: every operation with its path template, method and
 * request-body schema. The bad-input and tenancy tests are generated from it, so a new route
 * is covered the day it is added.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  $ref?: string;
  [key: string]: unknown;
}

export interface Operation {
  method: string;
  path: string;
  operationId?: string;
  tags: string[];
  bodySchema: JsonSchema | undefined;
  parameters: Array<{ name: string; in: string; required?: boolean; schema?: JsonSchema }>;
  raw: Record<string, unknown>;
}

const METHODS = ["get", "post", "put", "patch", "delete"];

export function operationsOf(spec: {
  paths: Record<string, Record<string, Record<string, unknown>>>;
}): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const body = op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined;
      out.push({
        method: method.toUpperCase(),
        path,
        tags: (op.tags as string[] | undefined) ?? [],
        bodySchema: body?.content?.["application/json"]?.schema,
        parameters: (op.parameters as Operation["parameters"] | undefined) ?? [],
        raw: op,
        ...(typeof op.operationId === "string" ? { operationId: op.operationId } : {}),
      });
    }
  }
  return out;
}

/** Fills a path template (`/v1/stores/{id}`) with a value for every parameter. */
export function fillPath(path: string, value = "00000000-0000-7000-8000-000000000000"): string {
  return path.replace(/\{[^}]+\}/g, value);
}

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== "null");
  if (schema.type) return schema.type;
  const alt = schema.anyOf ?? schema.oneOf;
  return alt ? alt.map(typeOf).find((t) => t !== undefined && t !== "null") : undefined;
}

/** A value of a type the schema does not accept. */
export function wrongValue(schema: JsonSchema): unknown {
  switch (typeOf(schema)) {
    case "string":
      return 12345;
    case "number":
    case "integer":
      return "not-a-number";
    case "boolean":
      return "yes";
    case "array":
      return { not: "an array" };
    case "object":
      return ["not", "an", "object"];
    default:
      return { unexpected: [1, 2, 3] };
  }
}

/** Bodies that are each wrong in one way: every field wrong-typed, unknown field added, required missing. */
export function badBodies(schema: JsonSchema | undefined): Array<{ label: string; body: unknown }> {
  // A route that takes no body ignores one; shape mistakes only exist where a schema does.
  if (!schema) return [];
  const bodies: Array<{ label: string; body: unknown }> = [
    { label: "array instead of object", body: [1, 2, 3] },
    { label: "string instead of object", body: "hello" },
  ];
  if (!schema.properties) return bodies;
  for (const [name, property] of Object.entries(schema.properties)) {
    bodies.push({ label: `wrong type for ${name}`, body: { [name]: wrongValue(property) } });
  }
  if ((schema.required ?? []).length > 0) bodies.push({ label: "missing required fields", body: {} });
  bodies.push({ label: "unknown field", body: { __unknownField: true } });
  return bodies;
}
