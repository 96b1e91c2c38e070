/**
 * A short, readable account of how two renderings differ: operations added, removed or changed
 * (from the spec), then per-file line counts and the first differing lines.
 */
import type { RenderedFiles } from "./_render.ts";

type Spec = { paths?: Record<string, Record<string, unknown>> };

function operations(specText: string | undefined): Map<string, string> {
  const ops = new Map<string, string>();
  if (!specText) return ops;
  const spec = JSON.parse(specText) as Spec;
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const [method, op] of Object.entries(item))
      ops.set(`${method.toUpperCase()} ${path}`, JSON.stringify(op));
  }
  return ops;
}

export function diffSummary(committed: RenderedFiles, fresh: RenderedFiles): string[] {
  const lines: string[] = [];
  const before = operations(committed["openapi.json"]);
  const after = operations(fresh["openapi.json"]);
  for (const key of after.keys()) if (!before.has(key)) lines.push(`  + ${key} (new in the spec)`);
  for (const key of before.keys()) if (!after.has(key)) lines.push(`  - ${key} (gone from the spec)`);
  for (const [key, op] of after)
    if (before.has(key) && before.get(key) !== op) lines.push(`  ~ ${key} (changed)`);
  const names = new Set([...Object.keys(committed), ...Object.keys(fresh)]);
  for (const name of [...names].sort()) {
    const a = committed[name];
    const b = fresh[name];
    if (a === b) continue;
    if (a === undefined) lines.push(`  file ${name}: missing from the committed SDK`);
    else if (b === undefined) lines.push(`  file ${name}: committed but no longer generated`);
    else lines.push(`  file ${name}: differs (${firstDifference(a, b)})`);
  }
  return lines;
}

function firstDifference(a: string, b: string): string {
  const left = a.split("\n");
  const right = b.split("\n");
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) {
      return `first at line ${i + 1}: committed "${(left[i] ?? "").trim().slice(0, 80)}", generated "${(right[i] ?? "").trim().slice(0, 80)}"; ${left.length} vs ${right.length} lines`;
    }
  }
  return "whitespace only";
}
