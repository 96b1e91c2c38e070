/**
 * The error table (`ERROR_STATUS`) is the one list of problem codes: every code the API throws
 * is in it, the served OpenAPI publishes exactly it as `ProblemCode`, and the SDK's generated
 * list (`PROBLEM_CODES`, what the apps switch on) equals it.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { Glob } from "bun";
import { createKit, type Kit } from "../modules/entitlements/testing.ts";
import { ERROR_STATUS } from "./app-error.ts";

const API_ROOT = join(import.meta.dir, "../..");
const SDK_ENUMS = join(API_ROOT, "../sdk/src/gen/enums.ts");
const table = Object.keys(ERROR_STATUS);

/** The string literals given as the code of `new AppError(…)` in a source text. */
export function thrownCodes(source: string): string[] {
  return [...source.matchAll(/new\s+AppError\s*\(\s*(["'`])([^"'`]*)\1/g)].map((m) => m[2] ?? "");
}

/** The values of `export const NAME = [...]` in a generated file (one JSON array per line). */
function generatedList(source: string, name: string): string[] {
  const line = source.split("\n").find((l) => l.startsWith(`export const ${name} = [`));
  if (!line) throw new Error(`${name} is missing from the SDK's generated enums`);
  return JSON.parse(line.slice(line.indexOf("["), line.indexOf("] as const") + 1)) as string[];
}

test("finds the codes of new AppError calls, on one line or several", () => {
  expect(thrownCodes(`throw new AppError("not_found", "x"); new AppError(\n  'rate_limited',\n)`)).toEqual([
    "not_found",
    "rate_limited",
  ]);
});

test("every code thrown anywhere in packages/api is in the error table", async () => {
  const files = ["mod.ts"];
  for (const dir of ["src", "test"])
    for await (const file of new Glob("**/*.ts").scan({ cwd: join(API_ROOT, dir) }))
      files.push(join(dir, file));
  expect(files.length).toBeGreaterThan(100);
  const missing: string[] = [];
  for (const file of files) {
    const source = await Bun.file(join(API_ROOT, file)).text();
    for (const code of thrownCodes(source)) if (!(code in ERROR_STATUS)) missing.push(`${file}: ${code}`);
  }
  expect(missing).toEqual([]);
});

describe("the published codes", () => {
  let kit: Kit;
  let doc: {
    components: { schemas: Record<string, { enum?: string[]; properties?: Record<string, unknown> }> };
  };
  beforeAll(async () => {
    kit = await createKit();
    doc = await (await kit.app.handle(new Request("http://localhost/openapi/json"))).json();
  });
  afterAll(() => kit.dispose());

  test("the served OpenAPI names every code of the table as the ProblemCode enum of Problem.code", () => {
    expect(doc.components.schemas.ProblemCode?.enum).toEqual(table);
    expect(doc.components.schemas.Problem?.properties?.code).toEqual({
      $ref: "#/components/schemas/ProblemCode",
    });
  });

  test("the SDK's known codes are the table, generated from the spec", async () => {
    expect(generatedList(await Bun.file(SDK_ENUMS).text(), "PROBLEM_CODES")).toEqual(table);
  });
});
