/**
 * `bun build --compile` makes one `nevewatch-api` binary that runs with no node_modules
 * around it: build it, copy it alone into an empty directory, start it, ask /health/ready.
 */
import { afterAll, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ApiProcess, startApi } from "./process.ts";

const root = join(import.meta.dir, "..", "..", "..");
const work = mkdtempSync(join(tmpdir(), "nevewatch-bin-"));
let api: ApiProcess | undefined;

afterAll(async () => {
  await api?.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

test(
  "the compiled binary serves /health/ready with no node_modules around it",
  async () => {
    const outfile = join(work, "build", "nevewatch-api");
    const build = Bun.spawnSync(
      ["bun", "build", "--compile", "--minify", "packages/api/src/main.ts", "--outfile", outfile],
      { cwd: root, stdout: "pipe", stderr: "pipe" },
    );
    expect(build.exitCode, build.stderr.toString()).toBe(0);
    const lonely = join(work, "run");
    Bun.spawnSync(["mkdir", "-p", lonely]);
    copyFileSync(outfile, join(lonely, "nevewatch-api"));
    Bun.spawnSync(["chmod", "+x", join(lonely, "nevewatch-api")]);
    expect(existsSync(join(lonely, "node_modules"))).toBe(false);
    expect(statSync(join(lonely, "nevewatch-api")).size).toBeGreaterThan(10 * 1024 * 1024);

    api = await startApi(
      [join(lonely, "nevewatch-api"), "serve"],
      { DATA_DIR: join(lonely, "data") },
      { cwd: lonely },
    );
    const response = await fetch(`${api.url}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", checks: { storage: "ok", cache: "ok" } });
    expect(existsSync(join(lonely, "data", "nevewatch.db"))).toBe(true);
  },
  { timeout: 120_000 },
);
