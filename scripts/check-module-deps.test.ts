import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { analyse, type Baseline, baselineOf, compare, importsOf, mutualPairs } from "./check-module-deps.ts";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A small source tree: `files` maps a path under the root to its text. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "module-deps-"));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

// a → b through b's face; b → c through c's face; a shared helper below the modules.
const clean = {
  "errors/app-error.ts": "export class AppError {}\n",
  "modules/a/mod.ts": 'export { run } from "./run.ts";\n',
  "modules/a/run.ts":
    'import { AppError } from "../../errors/app-error.ts";\nimport { b } from "../b/mod.ts";\nexport const run = () => [b, AppError];\n',
  "modules/b/mod.ts": 'export {\n  b,\n} from "./b.ts";\n',
  "modules/b/b.ts": 'import type { C } from "../c/mod.ts";\nexport const b: C = 1;\n',
  "modules/c/mod.ts": "export type C = number;\n",
  // Tests and test helpers may reach anywhere: they are not production code.
  "modules/c/c.test.ts": 'import { run } from "../a/run.ts";\nrun();\n',
  "modules/c/testing.ts": 'export { b } from "../b/b.ts";\n',
};
const empty: Baseline = { deepImports: [], cycleEdges: [] };

describe("module dependency check", () => {
  test("reads static, multi-line, re-export, side-effect and dynamic imports, not comments", () => {
    const text = [
      'import { a } from "./a.ts";',
      "import {",
      "  b,",
      '} from "../b/mod.ts";',
      'export * from "./c.ts";',
      'import "./side.ts";',
      'const d = await import("./d.ts");',
      ' * import { e } from "./e.ts"; (in a comment)',
      'import { f } from "elysia";',
    ].join("\n");
    expect(importsOf(text)).toEqual([
      { spec: "./a.ts", line: 1 },
      { spec: "../b/mod.ts", line: 4 },
      { spec: "./c.ts", line: 5 },
      { spec: "./side.ts", line: 6 },
      { spec: "./d.ts", line: 7 },
    ]);
  });

  test("passes a tree whose modules form a DAG through their faces", () => {
    const analysis = analyse(tree(clean));
    expect(analysis.crossModuleImports).toBe(2);
    expect(compare(analysis, empty, "baseline.json")).toEqual([]);
  });

  test("fails on a new deep import, naming the file, line and target", () => {
    const root = tree({
      ...clean,
      "modules/a/run.ts": 'import { b } from "../b/b.ts";\nexport const run = () => b;\n',
    });
    expect(compare(analyse(root), empty, "baseline.json")).toEqual([
      "deep import: modules/a/run.ts:1 imports modules/b/b.ts; import it from modules/b/mod.ts (re-export it there, or move it below the modules)",
    ]);
  });

  test("fails on a new cycle, naming the way back and the imports that close it", () => {
    const root = tree({
      ...clean,
      "modules/c/mod.ts":
        'import { run } from "../a/mod.ts";\nexport type C = number;\nexport const again = run;\n',
    });
    const analysis = analyse(root);
    expect(mutualPairs(analysis)).toEqual([]);
    const problems = compare(analysis, empty, "baseline.json");
    expect(problems).toContain(
      "module cycle: c -> a while a -> b -> c; made by modules/c/mod.ts:1 imports modules/a/mod.ts",
    );
    expect(problems.filter((p) => p.startsWith("module cycle:"))).toHaveLength(3);
  });

  test("fails when code below the modules imports a module, but lets the composition do it", () => {
    const root = tree({
      ...clean,
      "errors/app-error.ts":
        'import type { C } from "../modules/c/mod.ts";\nexport class AppError {}\nexport type X = C;\n',
      "app.ts": 'import { run } from "./modules/a/mod.ts";\nrun();\n',
    });
    const listed: Baseline = { ...empty, lowerImports: ["errors/app-error.ts -> modules/c/mod.ts"] };
    expect(compare(analyse(root), listed, "baseline.json")).toEqual([]);
    expect(compare(analyse(tree(clean)), listed, "baseline.json")).toEqual([
      'fixed lower-layer import still listed: remove "errors/app-error.ts -> modules/c/mod.ts" from baseline.json',
    ]);
    expect(compare(analyse(root), empty, "baseline.json")).toEqual([
      "lower-layer import: errors/app-error.ts:1 imports modules/c/mod.ts; code below the modules must not depend on a module (move the piece down, or wire it in from the composition)",
    ]);
  });

  test("accepts violations in the baseline, and fails when a listed one has been fixed", () => {
    const tangled = tree({
      ...clean,
      "modules/b/b.ts": 'import { run } from "../a/run.ts";\nexport const b = 1;\nexport const c = run;\n',
    });
    const baseline = baselineOf(analyse(tangled));
    expect(baseline).toEqual({
      deepImports: ["modules/b/b.ts -> modules/a/run.ts"],
      cycleEdges: ["a -> b", "b -> a"],
      lowerImports: [],
      reasons: {},
    });
    expect(compare(analyse(tangled), baseline, "baseline.json")).toEqual([]);
    expect(compare(analyse(tree(clean)), baseline, "baseline.json")).toEqual([
      'fixed deep import still listed: remove "modules/b/b.ts -> modules/a/run.ts" from baseline.json',
      'fixed cycle edge still listed: remove "a -> b" from baseline.json',
      'fixed cycle edge still listed: remove "b -> a" from baseline.json',
    ]);
  });
});
