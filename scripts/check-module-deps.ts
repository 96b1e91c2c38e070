/**
 * Module boundaries of the API (`bun scripts/check-module-deps.ts`, a gate of `bun run check`).
 *
 * Reads the relative imports of every production file under packages/api/src (tests and test
 * helpers left out: `*.test.ts`, `testing.ts`, `_testing.ts`, `_test-*.ts`, `_fake-*.ts`, anything
 * under a `testing/` folder), maps each file to its module (`src/modules/<name>/…`) and fails on
 *  - a cycle between modules: an import A → B while B already reaches A;
 *  - a deep import: a file of module A importing a file of module B other than `B/mod.ts`;
 *  - a lower-layer import: code below the modules (iptv/, audit/, auth/, db/, http/, tenancy/…:
 *    anything outside modules/ but the composition files in `COMPOSITION`) importing a module,
 *    which would hide a cycle from the two rules above.
 *
 * Today's violations are listed in scripts/module-deps-baseline.json. The check fails on any
 * violation not listed, and on a listed one that has gone (delete its line), so the list only
 * shrinks. `--write-baseline` rewrites the file from the tree, keeping the reasons of the
 * entries that remain; use it only to record a shrink.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

export interface ImportEdge {
  /** Importing file, relative to the source root, with `/` separators. */
  from: string;
  /** Imported file, likewise. */
  to: string;
  line: number;
}

export interface Analysis {
  /** Cross-module imports that bypass the target's `mod.ts`, as `from -> to` file pairs. */
  deepImports: Map<string, ImportEdge>;
  /** Imports of a module from code below the modules, as `from -> to` file pairs. */
  lowerImports: Map<string, ImportEdge>;
  /** Module edges `a -> b` that lie on a cycle, with the imports that make each. */
  cycleEdges: Map<string, ImportEdge[]>;
  /** Every module edge, for explaining a cycle. */
  moduleEdges: Map<string, Set<string>>;
  crossModuleImports: number;
}

export interface Baseline {
  /** `modules/a/x.ts -> modules/b/y.ts` */
  deepImports: string[];
  /** `a -> b` */
  cycleEdges: string[];
  /** `tenancy/x.ts -> modules/b/y.ts`; absent means none. */
  lowerImports?: string[];
  /** Why an entry stays, keyed by the entry. */
  reasons?: Record<string, string>;
}

const IMPORT_RE = /(?:^|[;\n])[ \t]*(?:import|export)\s(?:[^;"'`]*?\sfrom\s*)?["']([^"']+)["']/g;
const DYNAMIC_RE = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** Relative specifiers a source file imports, with their line numbers. */
export function importsOf(text: string): Array<{ spec: string; line: number }> {
  const found: Array<{ spec: string; line: number }> = [];
  for (const re of [IMPORT_RE, DYNAMIC_RE]) {
    for (const m of text.matchAll(re)) {
      const spec = m[1] ?? "";
      if (!spec.startsWith(".")) continue;
      const at = (m.index ?? 0) + m[0].indexOf(spec);
      found.push({ spec, line: text.slice(0, at).split("\n").length });
    }
  }
  return found;
}

export function isProduction(path: string): boolean {
  const parts = path.split("/");
  const name = parts.at(-1) ?? "";
  const testSupport = /^(testing|_testing|_test-.*|_fake-.*)\.ts$/.test(name) || name.endsWith(".test.ts");
  return !testSupport && !parts.slice(0, -1).includes("testing");
}

/** The module a source-root-relative path belongs to, if any. */
export function moduleOf(path: string): string | null {
  const m = /^modules\/([^/]+)\//.exec(path);
  return m ? (m[1] ?? null) : null;
}

function sourceFiles(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(root, full));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

/**
 * The composition side, above the modules: files and folders (ending in `/`) that wire modules
 * together and so may import any module's face.
 */
export const COMPOSITION = [
  "app.ts",
  "main.ts",
  "boot.ts",
  "background.ts",
  "collections.ts",
  "job-handlers.ts",
  "readiness.ts",
  "audit-namers.ts",
  "cli/",
  "demo/",
];

const isComposition = (path: string) =>
  COMPOSITION.some((entry) => (entry.endsWith("/") ? path.startsWith(entry) : path === entry));

const rel = (root: string, path: string) => relative(root, path).split(sep).join("/");

/** Modules reachable from `start` over `edges` (not counting `start` unless on a cycle). */
function reachable(edges: Map<string, Set<string>>, start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(edges.get(start) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(edges.get(next) ?? []));
  }
  return seen;
}

/** A shortest module path `from → … → to`, for the message. */
export function pathBetween(edges: Map<string, Set<string>>, from: string, to: string): string[] {
  const previous = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const at = queue.shift() as string;
    if (at === to) break;
    for (const next of edges.get(at) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      previous.set(next, at);
      queue.push(next);
    }
  }
  const path = [to];
  while (path[0] !== from) {
    const before = previous.get(path[0] as string);
    if (!before) return [];
    path.unshift(before);
  }
  return path;
}

export function analyse(root: string): Analysis {
  const deepImports = new Map<string, ImportEdge>();
  const lowerImports = new Map<string, ImportEdge>();
  const byModuleEdge = new Map<string, ImportEdge[]>();
  const moduleEdges = new Map<string, Set<string>>();
  let crossModuleImports = 0;
  for (const file of sourceFiles(root)) {
    const from = rel(root, file);
    const fromModule = moduleOf(from);
    if (!isProduction(from) || (!fromModule && isComposition(from))) continue;
    const text = readFileSync(file, "utf8");
    for (const { spec, line } of importsOf(text)) {
      const to = rel(root, resolve(dirname(file), spec));
      const toModule = moduleOf(to);
      if (!toModule || toModule === fromModule) continue;
      if (!fromModule) {
        lowerImports.set(`${from} -> ${to}`, { from, to, line });
        continue;
      }
      crossModuleImports += 1;
      const edge: ImportEdge = { from, to, line };
      if (to !== `modules/${toModule}/mod.ts`) deepImports.set(`${from} -> ${to}`, edge);
      const key = `${fromModule} -> ${toModule}`;
      byModuleEdge.set(key, [...(byModuleEdge.get(key) ?? []), edge]);
      const targets = moduleEdges.get(fromModule) ?? new Set<string>();
      targets.add(toModule);
      moduleEdges.set(fromModule, targets);
    }
  }
  const cycleEdges = new Map<string, ImportEdge[]>();
  for (const [key, imports] of byModuleEdge) {
    const [a, b] = key.split(" -> ") as [string, string];
    if (reachable(moduleEdges, b).has(a)) cycleEdges.set(key, imports);
  }
  return { deepImports, lowerImports, cycleEdges, moduleEdges, crossModuleImports };
}

/** Every problem, as lines for a person; empty when the tree matches the baseline. */
export function compare(analysis: Analysis, baseline: Baseline, baselineName: string): string[] {
  const problems: string[] = [];
  const listedDeep = new Set(baseline.deepImports);
  const listedCycles = new Set(baseline.cycleEdges);
  const listedLower = new Set(baseline.lowerImports ?? []);
  for (const [key, edge] of [...analysis.lowerImports].sort(([a], [b]) => a.localeCompare(b))) {
    if (listedLower.has(key)) continue;
    problems.push(
      `lower-layer import: ${edge.from}:${edge.line} imports ${edge.to}; code below the modules ` +
        `must not depend on a module (move the piece down, or wire it in from the composition)`,
    );
  }
  for (const [key, edge] of [...analysis.deepImports].sort(([a], [b]) => a.localeCompare(b))) {
    if (listedDeep.has(key)) continue;
    const target = moduleOf(edge.to);
    problems.push(
      `deep import: ${edge.from}:${edge.line} imports ${edge.to}; import it from modules/${target}/mod.ts ` +
        `(re-export it there, or move it below the modules)`,
    );
  }
  for (const [key, imports] of [...analysis.cycleEdges].sort(([a], [b]) => a.localeCompare(b))) {
    if (listedCycles.has(key)) continue;
    const [a, b] = key.split(" -> ") as [string, string];
    const back = pathBetween(analysis.moduleEdges, b, a).join(" -> ");
    const where = imports.map((i) => `${i.from}:${i.line} imports ${i.to}`).join("; ");
    problems.push(`module cycle: ${a} -> ${b} while ${back}; made by ${where}`);
  }
  for (const key of baseline.deepImports) {
    if (!analysis.deepImports.has(key)) {
      problems.push(`fixed deep import still listed: remove "${key}" from ${baselineName}`);
    }
  }
  for (const key of baseline.cycleEdges) {
    if (!analysis.cycleEdges.has(key)) {
      problems.push(`fixed cycle edge still listed: remove "${key}" from ${baselineName}`);
    }
  }
  for (const key of baseline.lowerImports ?? []) {
    if (!analysis.lowerImports.has(key)) {
      problems.push(`fixed lower-layer import still listed: remove "${key}" from ${baselineName}`);
    }
  }
  return problems;
}

/** Unordered module pairs that import each other directly. */
export function mutualPairs(analysis: Analysis): string[] {
  const pairs: string[] = [];
  for (const [a, targets] of analysis.moduleEdges) {
    for (const b of targets) if (a < b && analysis.moduleEdges.get(b)?.has(a)) pairs.push(`${a} <-> ${b}`);
  }
  return pairs.sort();
}

export function baselineOf(analysis: Analysis, previous?: Baseline): Baseline {
  const deepImports = [...analysis.deepImports.keys()].sort();
  const cycleEdges = [...analysis.cycleEdges.keys()].sort();
  const lowerImports = [...analysis.lowerImports.keys()].sort();
  const keep = new Set([...deepImports, ...cycleEdges, ...lowerImports]);
  const reasons = Object.fromEntries(
    Object.entries(previous?.reasons ?? {}).filter(([key]) => keep.has(key)),
  );
  return { deepImports, cycleEdges, lowerImports, reasons };
}

if (import.meta.main) {
  const repo = join(import.meta.dir, "..");
  const root = join(repo, "packages/api/src");
  const baselineFile = join(repo, "scripts/module-deps-baseline.json");
  const baselineName = rel(repo, baselineFile);
  const previous: Baseline = existsSync(baselineFile)
    ? JSON.parse(readFileSync(baselineFile, "utf8"))
    : { deepImports: [], cycleEdges: [] };
  const analysis = analyse(root);
  const summary =
    `${analysis.crossModuleImports} cross-module imports, ${analysis.deepImports.size} deep, ` +
    `${analysis.cycleEdges.size} module edges on a cycle (${mutualPairs(analysis).length} mutual pairs), ` +
    `${analysis.lowerImports.size} imports of a module from below`;
  if (process.argv.includes("--write-baseline")) {
    writeFileSync(baselineFile, `${JSON.stringify(baselineOf(analysis, previous), null, 2)}\n`);
    console.log(`wrote ${baselineName}: ${summary}`);
    process.exit(0);
  }
  const problems = compare(analysis, previous, baselineName);
  console.log(`module deps: ${summary}; baseline ${baselineName}`);
  if (problems.length > 0) {
    for (const p of problems) console.log(`  ✗ ${p}`);
    console.log(`${problems.length} module-boundary problem(s)`);
    process.exit(1);
  }
}
