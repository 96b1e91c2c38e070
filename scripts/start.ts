/**
 * `npm start`: the whole platform on this machine. Builds the web app when its build is
 * missing or older than its sources, starts the API (embedded SQLite + in-process cache,
 * embedded edge, demo origin and demo data) and the web app, and stops both together.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Subprocess } from "bun";

const root = join(import.meta.dir, "..");
const web = join(root, "packages/web");
const apiPort = process.env.PORT ?? "8080";
const webPort = process.env.WEB_PORT ?? "3000";
const apiUrl = `http://127.0.0.1:${apiPort}`;
const webUrl = `http://127.0.0.1:${webPort}`;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildWebIfNeeded(): void {
  const server = join(web, ".output/server/index.mjs");
  if (existsSync(server) && statSync(server).mtimeMs >= newestMtime(join(web, "src"))) return;
  console.log("[nevewatch] building the web app (first start takes a minute)…");
  const build = Bun.spawnSync(["bun", "--bun", "vite", "build"], {
    cwd: web,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (build.exitCode !== 0) throw new Error("The web app did not build");
}

const children: Subprocess[] = [];
function stopAll(code: number): never {
  for (const child of children) child.kill("SIGTERM");
  process.exit(code);
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

buildWebIfNeeded();
// Options after `npm start --` go to the API's start (`--demo` seeds the demo store in production).
const api = Bun.spawn(["bun", join(root, "packages/api/src/main.ts"), "start", ...process.argv.slice(2)], {
  // A person is reading this terminal: warnings and errors only, unless LOG_LEVEL says otherwise.
  env: { LOG_LEVEL: "warn", ...process.env, PORT: apiPort, WEB_URL: webUrl },
  stdio: ["ignore", "inherit", "inherit"],
});
children.push(api);
const webServer = Bun.spawn(["bun", "run", ".output/server/index.mjs"], {
  cwd: web,
  env: { ...process.env, PORT: webPort, API_URL: apiUrl, DEFAULT_STORE: "demo", NITRO_PORT: webPort },
  stdio: ["ignore", "ignore", "inherit"],
});
children.push(webServer);
const first = await Promise.race([
  api.exited.then((c) => ["api", c] as const),
  webServer.exited.then((c) => ["web", c] as const),
]);
console.error(`[nevewatch] the ${first[0]} process exited (${first[1]}); stopping`);
stopAll(first[1] ?? 1);
