#!/usr/bin/env bun
/**
 * Fails when the committed SDK (`src/gen/*`) differs from what the served spec generates now:
 * renders into a temp directory and prints which operations and files changed.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diffSummary } from "./_diff-summary.ts";
import { type RenderedFiles, render } from "./_render.ts";
import { fetchServedSpec, startServedApi } from "./_served-api.ts";

const GEN_DIR = join(import.meta.dir, "../src/gen");

const api = await startServedApi();
let fresh: RenderedFiles;
try {
  fresh = await render(await fetchServedSpec(api.url));
} finally {
  await api.stop();
}

const tmp = mkdtempSync(join(tmpdir(), "nevewatch-sdk-drift-"));
for (const [name, text] of Object.entries(fresh)) writeFileSync(join(tmp, name), text);

const committed: RenderedFiles = {};
if (existsSync(GEN_DIR)) {
  for (const name of readdirSync(GEN_DIR)) committed[name] = readFileSync(join(GEN_DIR, name), "utf8");
}
const report = diffSummary(committed, fresh);
rmSync(tmp, { recursive: true, force: true });

if (report.length === 0) {
  process.stdout.write("sdk: the committed SDK matches the served OpenAPI document\n");
  process.exit(0);
}
console.error(
  `sdk: the committed SDK drifted from the served OpenAPI document\n${report.join("\n")}\n` +
    "Run `bun packages/sdk/scripts/generate.ts` and commit packages/sdk/src/gen",
);
process.exit(1);
