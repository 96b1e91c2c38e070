/**
 * API benchmark: requests/s and p50/p99 of /health/live and of one storage-backed read
 * (`GET /v1/public/store` of the demo store) at 50 connections, beside a bare Bun.serve
 * handler measured in the same run. Floor: health ≥ 0.6× bare Bun.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnServer } from "../lib/spawn.ts";
import { type LoadResult, requireWrk, wrk } from "../lib/wrk.ts";

const root = join(import.meta.dir, "..", "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = 50;

requireWrk();
const dataDir = mkdtempSync(join(tmpdir(), "nevewatch-bench-"));
const apiEnv = {
  DATA_DIR: dataDir,
  PORT: "0",
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
  JOBS_ENABLED: "false",
  // The limiter still runs and counts every request; the ceiling only keeps 429s out of the figures.
  RATE_LIMIT_API_PER_MIN: "1000000000",
};
const main = join(root, "packages/api/src/main.ts");

// The seed serves its own demo origin while importing from it, so it needs a real port and jobs.
const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
const seedPort = String(probe.port);
probe.stop(true);
const seed = Bun.spawnSync(["bun", main, "seed-demo"], {
  env: { ...process.env, ...apiEnv, PORT: seedPort, JOBS_ENABLED: "true", LOG_LEVEL: "warn" },
  stdout: "ignore",
});
if (seed.exitCode !== 0) throw new Error(`seed-demo failed: ${seed.stderr.toString()}`);

// Both servers stay up and are measured in alternation, round after round; the table shows the
// median of the rounds, so a burst of noise on this shared 2-core machine moves no single figure.
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const bare = await spawnServer(["bun", join(import.meta.dir, "bare-server.ts")]);
const api = await spawnServer(["bun", main, "serve"], apiEnv);
const targets = [
  { name: "bare Bun.serve", url: `${bare.url}/`, headers: {} },
  { name: "api /health/live", url: `${api.url}/health/live`, headers: {} },
  { name: "api GET /v1/public/store", url: `${api.url}/v1/public/store`, headers: { "x-store": "demo" } },
];
const samples = new Map<string, LoadResult[]>(targets.map((t) => [t.name, []]));
for (let round = 0; round < rounds; round++) {
  for (const target of targets) {
    const result = await wrk(target.url, { connections, seconds, headers: target.headers });
    samples.get(target.name)?.push(result);
  }
}
await bare.stop();
await api.stop();

function median(results: LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => a.rps - b.rps);
  return sorted[Math.floor(sorted.length / 2)] as LoadResult;
}
const rows = targets.map((t) => ({ name: t.name, result: median(samples.get(t.name) ?? []) }));
rmSync(dataDir, { recursive: true, force: true });

const reference = rows[0]?.result.rps ?? Number.NaN;
console.log(
  `\nAPI benchmark: ${connections} connections, ${seconds} s each, median of ${rounds} alternating rounds, wrk, log level ${apiEnv.LOG_LEVEL}`,
);
console.log("| target | req/s | p50 ms | p99 ms | errors | ratio to bare Bun |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const { name, result } of rows) {
  console.log(
    `| ${name} | ${result.rps.toFixed(0)} | ${result.p50Ms.toFixed(2)} | ${result.p99Ms.toFixed(2)} | ${result.errors} | ${(result.rps / reference).toFixed(2)}× |`,
  );
}
const health = rows[1]?.result.rps ?? 0;
const floorOk = health / reference >= 0.6;
console.log(
  `\nFloor health ≥ 0.6× bare Bun: ${floorOk ? "met" : "NOT met"} (${(health / reference).toFixed(2)}×)`,
);
