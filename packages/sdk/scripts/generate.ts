#!/usr/bin/env bun
/**
 * Regenerates `packages/sdk/src/gen/*` from the OpenAPI document that the real API serves.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { render } from "./_render.ts";
import { fetchServedSpec, startServedApi } from "./_served-api.ts";

export const GEN_DIR = join(import.meta.dir, "../src/gen");

const api = await startServedApi();
try {
  const files = await render(await fetchServedSpec(api.url));
  mkdirSync(GEN_DIR, { recursive: true });
  for (const stale of readdirSync(GEN_DIR)) if (!(stale in files)) rmSync(join(GEN_DIR, stale));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(GEN_DIR, name), text);
  const paths = Object.keys((JSON.parse(files["openapi.json"] ?? "{}") as { paths?: object }).paths ?? {});
  process.stdout.write(
    `generated ${Object.keys(files).length} files from ${paths.length} paths into ${GEN_DIR}\n`,
  );
} finally {
  await api.stop();
}
