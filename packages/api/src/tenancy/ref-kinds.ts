/**
 * The kinds of store objects a request body may name by id, and the schema of such an id. The
 * schema carries `x-ref: <kind>` into the OpenAPI document, so clients read which object a field
 * must name, and the generated tenancy test finds every reference without guessing from names.
 * Kept free of module imports: model files use it, and `owned.ts` imports those.
 */
import { t } from "elysia";

export const REF_KINDS = ["package", "item", "category", "plan", "provider", "viewer"] as const;
export type RefKind = (typeof REF_KINDS)[number];

/** The OpenAPI/JSON Schema keyword that names the kind of object an id field references. */
export const REF_KEYWORD = "x-ref";

/** An id of a `kind` object of the caller's store (`assertOwned` checks it). */
export function refId(
  kind: RefKind,
  options: { description?: string; examples?: string[] } = {},
): ReturnType<typeof t.String> {
  return t.String({ minLength: 1, maxLength: 64, ...options, [REF_KEYWORD]: kind });
}

/** The kind a schema references, if it is a reference. */
export function refKindOf(schema: unknown): RefKind | undefined {
  const kind = (schema as Record<string, unknown> | null)?.[REF_KEYWORD];
  return typeof kind === "string" && (REF_KINDS as readonly string[]).includes(kind)
    ? (kind as RefKind)
    : undefined;
}
