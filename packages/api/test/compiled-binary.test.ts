/**
 * `bun build --compile` makes one `nevewatch-api` binary that runs with nothing around it: build
 * it once, copy it alone into an empty directory, then `serve` it (health) and `start` it (the
 * demo channels play from the media fixtures embedded in it, with no source tree to read).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type ApiProcess,
  demoCaller,
  demoLogin,
  freePort,
  playDemoLiveChannels,
  startApi,
  waitForDemoBanner,
} from "./process.ts";

const root = join(import.meta.dir, "..", "..", "..");
const work = mkdtempSync(join(tmpdir(), "nevewatch-bin-"));
const lonely = join(work, "run");
const binary = join(lonely, "nevewatch-api");
const started: ApiProcess[] = [];

beforeAll(() => {
  const outfile = join(work, "build", "nevewatch-api");
  const build = Bun.spawnSync(
    ["bun", "build", "--compile", "--minify", "packages/api/src/main.ts", "--outfile", outfile],
    { cwd: root, stdout: "pipe", stderr: "pipe" },
  );
  expect(build.exitCode, build.stderr.toString()).toBe(0);
  mkdirSync(lonely);
  copyFileSync(outfile, binary);
  Bun.spawnSync(["chmod", "+x", binary]);
}, 120_000);

afterAll(async () => {
  for (const api of started) await api.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

test(
  "the compiled binary serves /health/ready with no node_modules around it",
  async () => {
    expect(existsSync(join(lonely, "node_modules"))).toBe(false);
    expect(statSync(binary).size).toBeGreaterThan(10 * 1024 * 1024);

    const api = await startApi([binary, "serve"], { DATA_DIR: join(lonely, "data") }, { cwd: lonely });
    started.push(api);
    const response = await fetch(`${api.url}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      checks: { storage: "ok", cache: "ok", "route-keys": "ok" },
    });
    expect(existsSync(join(lonely, "data", "nevewatch.db"))).toBe(true);
  },
  { timeout: 30_000 },
);

test(
  "the compiled binary's start plays the demo channels from the fixtures embedded in it",
  async () => {
    // No fixtures beside the binary, and none it could find by a path baked in at build time.
    expect(readFileSync(binary).includes(join(root, "packages", "api", "src", "demo", "fixtures"))).toBe(
      false,
    );
    const env = { DATA_DIR: join(lonely, "demo-data"), PORT: String(freePort()), JOBS_POLL_MS: "100" };
    const api = await startApi([binary, "start"], env, { cwd: lonely, timeoutMs: 60_000 });
    started.push(api);
    await waitForDemoBanner(api);
    expect(readdirSync(lonely).filter((name) => name !== "data" && name !== "demo-data")).toEqual([
      "nevewatch-api",
    ]);

    // HLS reads the embedded segments and playlists, MPEG-TS the embedded live clips.
    const call = demoCaller(() => api.url);
    await playDemoLiveChannels(call, await demoLogin(call, "viewer@nevewatch.test", "nevewatch-viewer"));
  },
  { timeout: 120_000 },
);
