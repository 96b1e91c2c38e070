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
import { type ApiProcess, freePort, probeCodecs, startApi } from "./process.ts";

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
    expect(await response.json()).toEqual({ status: "ok", checks: { storage: "ok", cache: "ok" } });
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
    // `start` prints its banner once the demo store has imported the origin's channels.
    const deadline = Date.now() + 60_000;
    while (!api.logs.some((line) => line.includes("viewer@nevewatch.test"))) {
      if (api.proc.exitCode !== null || Date.now() > deadline)
        throw new Error(`no banner:\n${api.logs.join("\n")}`);
      await Bun.sleep(100);
    }
    expect(readdirSync(lonely).filter((name) => name !== "data" && name !== "demo-data")).toEqual([
      "nevewatch-api",
    ]);

    const call = async (path: string, token?: string, body?: unknown) => {
      const response = await fetch(`${api.url}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: {
          "x-store": "demo",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    const login = await call("/v1/auth/login", undefined, {
      email: "viewer@nevewatch.test",
      password: "nevewatch-viewer",
      device: { name: "probe", kind: "web" },
    });
    expect(login.status).toBe(200);
    const token = login.body.accessToken as string;
    const channels = (await call("/v1/me/catalog/items?limit=50", token)).body.items as Array<{
      id: string;
      name: string;
    }>;
    // HLS reads the embedded segments and playlists, MPEG-TS the embedded live clips.
    const hls = channels.find((channel) => !channel.name.includes("MPEG-TS"));
    const ts = channels.find((channel) => channel.name.includes("MPEG-TS"));
    for (const [channel, format] of [
      [hls, "hls"],
      [ts, "ts"],
    ] as const) {
      const route = await call(`/v1/streaming/node-route?streamId=${channel?.id}&streamType=live`, token);
      expect(route.status).toBe(200);
      expect(route.body.format).toBe(format);
      expect(probeCodecs(route.body.url)).toBe("aac,h264");
    }
  },
  { timeout: 120_000 },
);
