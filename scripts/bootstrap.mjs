#!/usr/bin/env node
// Entry of the README's two commands (`npm start`, `npm test`) on a machine that may have only
// Node and npm: installs Bun and the system tools the tests need when they are missing, installs
// the workspace, then hands over to Bun. Plain Node on purpose: it runs before Bun exists.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const command = process.argv[2];
const isRoot = process.getuid?.() === 0;

function has(bin) {
  return spawnSync("sh", ["-c", `command -v ${bin}`], { stdio: "ignore" }).status === 0;
}

function run(bin, args, options = {}) {
  const result = spawnSync(bin, args, { stdio: "inherit", cwd: root, ...options });
  return result.status === 0;
}

function say(message) {
  process.stderr.write(`[nevewatch] ${message}\n`);
}

function ensureBun() {
  const local = join(root, ".tools", "node_modules", "bun", "bin", "bun.exe");
  if (has("bun")) return "bun";
  if (existsSync(local)) return local;
  say("Bun is not installed; installing it from the npm registry");
  if (run("npm", ["install", "-g", "bun"]) && has("bun")) return "bun";
  say("global install failed; installing Bun into .tools/");
  if (run("npm", ["install", "--prefix", join(root, ".tools"), "--no-save", "bun"]) && existsSync(local))
    return local;
  throw new Error("Could not install Bun with npm; install it from https://bun.sh and retry");
}

/** Debian packages the test suite talks to for real. Installed when missing and possible. */
const SYSTEM_TOOLS = [
  { bin: "redis-server", pkg: "redis-server" },
  { bin: "ffprobe", pkg: "ffmpeg" },
  { bin: "chromium", pkg: "chromium" },
  { bin: "nginx", pkg: "nginx" },
  { bin: "tv_validate_file", pkg: "xmltv-util" },
  { bin: "promtool", pkg: "prometheus" },
];

function ensureSystemTools() {
  const missing = SYSTEM_TOOLS.filter((t) => !has(t.bin));
  if (missing.length > 0) {
    const pkgs = missing.map((t) => t.pkg);
    if (isRoot && has("apt-get")) {
      say(`installing ${pkgs.join(", ")} with apt-get`);
      run("apt-get", ["install", "-y", "--no-install-recommends", ...pkgs], {
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      }) ||
        (run("apt-get", ["update"]) &&
          run("apt-get", ["install", "-y", "--no-install-recommends", ...pkgs], {
            env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
          }));
    } else {
      say(`missing ${pkgs.join(", ")} and cannot install them here; the tests that need them will fail`);
    }
  }
  ensureRedisRunning();
}

function ensureRedisRunning() {
  if (
    has("redis-cli") &&
    spawnSync("redis-cli", ["-h", "127.0.0.1", "ping"], { encoding: "utf8" }).stdout?.includes("PONG")
  )
    return;
  if (!has("redis-server")) return;
  say("starting redis-server on 127.0.0.1:6379");
  run("redis-server", [
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
  ]);
}

function main() {
  if (command !== "start" && command !== "test") {
    say("usage: node scripts/bootstrap.mjs start|test");
    process.exit(2);
  }
  const bun = ensureBun();
  if (command === "test") ensureSystemTools();
  const frozen = process.env.CI ? ["--frozen-lockfile"] : [];
  if (!run(bun, ["install", ...frozen])) throw new Error("bun install failed");
  // `npm start -- --demo`: what follows the command goes on to the start script.
  const args = command === "start" ? ["scripts/start.ts", ...process.argv.slice(3)] : ["scripts/check.ts"];
  const child = spawn(bun, args, { stdio: "inherit", cwd: root });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

try {
  main();
} catch (error) {
  say(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
