/**
 * `bun run bench`: every benchmark, each printing ratios against a reference measured in
 * the same run. Pass names to run a subset: `bun run bench api edge import`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

const all = ["api", "import", "edge", "web"];
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : all;
let failed = 0;
for (const name of chosen) {
  const script = join(import.meta.dir, name, "run.ts");
  if (!existsSync(script)) {
    console.log(`\n=== ${name}: no benchmark yet (${script})`);
    continue;
  }
  console.log(`\n=== ${name}`);
  const result = Bun.spawnSync(["bun", script], { stdio: ["inherit", "inherit", "inherit"] });
  if (result.exitCode !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
