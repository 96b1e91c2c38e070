/**
 * Builds the web app (unless E2E_SKIP_BUILD=1), then starts the API and the built app once for
 * all browser tests; their URLs reach the tests through the environment.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startStack, stopStack, WEB_ROOT } from "./_stack.ts";

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.E2E_SKIP_BUILD !== "1") {
    const build = spawnSync(process.env.BUN_BIN ?? "bun", ["--bun", "vite", "build"], {
      cwd: WEB_ROOT,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (build.status !== 0) throw new Error(`The web build failed (exit ${build.status})`);
  }
  if (!existsSync(join(WEB_ROOT, ".output/server/index.mjs"))) {
    throw new Error("The web app is not built: run `bun run build` in packages/web first");
  }
  const stack = await startStack();
  process.env.E2E_API_URL = stack.apiUrl;
  process.env.E2E_WEB_URL = stack.webUrl;
  process.env.E2E_DATA_DIR = stack.dataDir;
  return async () => stopStack();
}
