/**
 * The one gate (`bun run check`): Biome format check and lint, the type check, every unit
 * and integration test under `bun test`, then the browser tests. Ends with one line
 * `N passed, N failed` built from the real test counts, as CI expects.
 */
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dir, "..");
const artifacts = join(root, "artifacts");
mkdirSync(artifacts, { recursive: true });

interface Step {
  name: string;
  cmd: string[];
  env?: Record<string, string>;
}

function runStep(step: Step): boolean {
  console.log(`\n── ${step.name}: ${step.cmd.join(" ")}`);
  const started = performance.now();
  const result = Bun.spawnSync(step.cmd, {
    cwd: root,
    stdio: ["inherit", "inherit", "inherit"],
    env: { ...process.env, ...step.env },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `── ${step.name}: ${result.exitCode === 0 ? "ok" : `FAILED (exit ${result.exitCode})`} in ${seconds}s`,
  );
  return result.exitCode === 0;
}

/** Totals from a JUnit XML report (bun test and Playwright both write one). */
function junitCounts(file: string): { passed: number; failed: number; skipped: number } | null {
  let xml: string;
  try {
    xml = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const attrs = xml.match(/<testsuites\b[^>]*>/)?.[0] ?? "";
  const num = (name: string) => Number(attrs.match(new RegExp(`\\b${name}="(\\d+)"`))?.[1] ?? 0);
  const tests = num("tests");
  const failed = num("failures") + num("errors");
  const skipped = num("skipped");
  return { passed: tests - failed - skipped, failed, skipped };
}

const gates: Step[] = [
  { name: "format+lint", cmd: ["bunx", "biome", "ci", "."] },
  { name: "typecheck", cmd: ["bunx", "tsc", "--noEmit", "-p", "tsconfig.json"] },
  { name: "typecheck web (Solid JSX)", cmd: ["bunx", "tsc", "--noEmit", "-p", "packages/web/tsconfig.json"] },
  { name: "sdk matches the served OpenAPI", cmd: ["bun", "packages/sdk/scripts/check-drift.ts"] },
  {
    // No new module cycle or deep import in packages/api/src; the baseline only shrinks.
    name: "API module boundaries",
    cmd: ["bun", "scripts/check-module-deps.ts"],
  },
  {
    // The committed document is the served one (the step above checks it): Redocly's recommended
    // rules (redocly.yaml), offline.
    name: "served OpenAPI passes redocly lint",
    cmd: ["bunx", "redocly", "lint", "packages/sdk/src/gen/openapi.json", "--format=summary"],
    env: { REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  },
];
const suites: Array<Step & { report: string }> = [
  {
    name: "bun test",
    cmd: ["bun", "test", "--reporter=junit", `--reporter-outfile=${join(artifacts, "bun-junit.xml")}`],
    report: join(artifacts, "bun-junit.xml"),
  },
  {
    name: "browser tests (Playwright, Chromium)",
    cmd: ["bun", "run", "--cwd", "packages/web", "e2e"],
    report: join(artifacts, "playwright-junit.xml"),
  },
];

const failedGates = gates.filter((g) => !runStep(g)).map((g) => g.name);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const suite of suites) {
  rmSync(suite.report, { force: true }); // never count a previous run's report
  const ok = runStep(suite);
  const counts = junitCounts(suite.report);
  if (!counts) {
    failed += 1;
    failedGates.push(`${suite.name} (no report)`);
    continue;
  }
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
  if (!ok && counts.failed === 0) failedGates.push(suite.name);
}

if (failedGates.length > 0) console.log(`\nFailed gates: ${failedGates.join(", ")}`);
if (skipped > 0)
  console.log(`${skipped} skipped (only the live-MongoDB suite may skip, when MONGODB_URL is unset)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedGates.length === 0 && failed === 0 ? 0 : 1);
