/**
 * Shared set-up of the generated access matrices: the served OpenAPI operations, a request
 * helper, and example bodies taken from each operation's own schema examples.
 */
import type { Principal } from "../src/auth/principal.ts";
import type { Kit } from "../src/modules/entitlements/testing.ts";
import { type Operation, operationsOf } from "./openapi-walk.ts";

export async function servedOperations(kit: Kit): Promise<Operation[]> {
  const response = await kit.app.handle(new Request("http://localhost/openapi/json"));
  return operationsOf((await response.json()) as Parameters<typeof operationsOf>[0]);
}

/** The route's own documented example body, so a request reaches the handler past validation. */
export function exampleBody(op: Operation): unknown {
  if (op.method === "GET" || op.method === "DELETE") return undefined;
  const examples = op.bodySchema?.examples;
  return Array.isArray(examples) && examples.length > 0 ? examples[0] : {};
}

export function fill(path: string, params: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? `missing-${name}`),
  );
}

export interface Answer {
  status: number;
  code: string | undefined;
  text: string;
}

export async function ask(
  kit: Kit,
  op: Operation,
  path: string,
  as: Principal | null,
  storeSlug: string,
): Promise<Answer> {
  const body = exampleBody(op);
  const result = await kit.call(op.method, path, {
    as,
    ...(body === undefined ? {} : { body }),
    headers: { "x-store": storeSlug },
  });
  // `instance` echoes the path the caller sent; everything else must not name what it asked for.
  const { instance: _echo, ...rest } = (result.body ?? {}) as Record<string, unknown>;
  const text = JSON.stringify(rest);
  return { status: result.status, code: result.body?.code, text };
}
