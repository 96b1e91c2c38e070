/**
 * A string-enum schema without a default. Elysia's `t.UnionEnum` sets `default` to the first
 * value (for its error messages), and request validation then fills that default into fields
 * the client left out: an absent `role` filter became "platform_admin", an absent `theme` in a
 * patch reset the theme, a missing required `kind` passed as the first kind. Use `enumOf` for
 * every enum in a request schema.
 */
import { t } from "elysia";

export function enumOf<const V extends readonly [string, ...string[]]>(
  values: V,
  options: Record<string, unknown> = {},
) {
  const schema = t.UnionEnum(values, options);
  delete (schema as { default?: unknown }).default;
  return schema;
}
