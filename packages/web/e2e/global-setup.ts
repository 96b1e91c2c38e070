/**
 * Starts the API and the built web app once for all browser tests; their URLs reach the
 * tests through the environment.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startStack, stopStack, WEB_ROOT } from "./_stack.ts";

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(WEB_ROOT, ".output/server/index.mjs"))) {
    throw new Error("The web app is not built: run `bun run build` in packages/web first");
  }
  const stack = await startStack();
  process.env.E2E_API_URL = stack.apiUrl;
  process.env.E2E_WEB_URL = stack.webUrl;
  return async () => stopStack();
}
