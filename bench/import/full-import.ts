/**
 * Full catalog import: a generated 100,000-entry M3U+ served over local HTTP and imported
 * into a fresh SQLite store by the real import (parser, batched writes, categories, series,
 * numeric ids, progress records), then imported again unchanged (the idempotent re-import).
 * Each import runs in its own `bun` child so its peak RSS (VmHWM) is its own; the reference
 * is a plain line count of the same file in a child too. Budgets: under 10 s and 300 MiB.
 *
 * `bun bench/import/full-import.ts [entries]`
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createContext, migrate } from "../../packages/api/src/boot.ts";
import { loadConfig } from "../../packages/api/src/config/config.ts";
import { generateM3uChunks } from "../../packages/api/src/iptv/testing/generate-m3u.ts";
import { createLogger } from "../../packages/api/src/log/logger.ts";
import { createImport, runCatalogImport } from "../../packages/api/src/modules/catalog/mod.ts";
import { createProvider } from "../../packages/api/src/modules/providers/service.ts";
import { insertStoreDoc } from "../../packages/api/src/modules/stores/repo.ts";
import { type ChildReport, report } from "./_report.ts";

const TIME_BUDGET_MS = 10_000;
const RSS_BUDGET_MIB = 300;

/** Child: `full-import.ts --child <dataDir> <playlistUrl> <storeId|new> <providerId|new>`. */
async function importChild(
  dataDir: string,
  url: string,
  storeRef: string,
  providerRef: string,
): Promise<void> {
  const config = loadConfig({
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${join(dataDir, "bench.db")}`,
    LOG_LEVEL: "silent",
    JOBS_ENABLED: "false",
    // The playlist is served on 127.0.0.1, which the import's SSRF guard refuses by default.
    OUTBOUND_ALLOW_PRIVATE: "true",
  });
  const ctx = await createContext(config, { log: createLogger({ level: "silent" }) });
  await migrate(ctx);
  let storeId = storeRef;
  let providerId = providerRef;
  if (storeRef === "new") {
    storeId = await insertStoreDoc(ctx, { slug: "bench", name: "Bench" });
    const by = { principal: null, ip: null, requestId: null };
    providerId = (
      await createProvider(
        ctx,
        storeId,
        { name: "Bench", kind: "m3u", accounts: [{ url, maxConnections: 1 }] },
        by,
      )
    ).id;
  }
  const record = await createImport(ctx, storeId, "catalog", providerId);
  const startedAt = performance.now();
  const done = await runCatalogImport(ctx, storeId, record._id);
  if (done.status !== "succeeded") throw new Error(`import ${done.status}: ${done.failure}`);
  const { inserted, updated, unchanged, missing, errors } = done.counts;
  const cpu = process.cpuUsage();
  const userMs = Math.round(cpu.user / 1000);
  const systemMs = Math.round(cpu.system / 1000);
  report(startedAt, done.counts.read, { inserted, updated, unchanged, missing, errors, userMs, systemMs });
  console.log(JSON.stringify({ storeId, providerId }));
  await ctx.store.close();
}

interface Measured extends ChildReport {
  wallMs: number;
  ids?: { storeId: string; providerId: string };
}

async function child(args: string[]): Promise<Measured> {
  const startedAt = performance.now();
  const proc = Bun.spawn([process.execPath, ...args], { stdout: "pipe", stderr: "inherit" });
  const out = await new Response(proc.stdout).text();
  const code = await proc.exited;
  if (code !== 0) throw new Error(`${args.join(" ")} exited with ${code}`);
  const lines = out.trim().split("\n");
  const ids = args.includes("--child") ? JSON.parse(lines.at(-1) ?? "{}") : undefined;
  const last = args.includes("--child") ? lines.at(-2) : lines.at(-1);
  return { ...(JSON.parse(last ?? "{}") as ChildReport), wallMs: performance.now() - startedAt, ids };
}

function row(name: string, m: Measured, unit: string): string {
  return (
    `${name.padEnd(34)} ${m.ms.toFixed(0).padStart(6)} ms  cpu ${m.cpuMs.toFixed(0).padStart(6)} ms  ` +
    `(process ${m.wallMs.toFixed(0).padStart(5)} ms)  peak RSS ${m.peakRssMiB.toFixed(1).padStart(6)} MiB  ` +
    `${m.count.toLocaleString("en").padStart(9)} ${unit}  ${Math.round(m.count / (m.ms / 1000)).toLocaleString("en")} ${unit}/s`
  );
}

async function main(): Promise<number> {
  const entries = Number(process.argv[2] ?? 100_000);
  console.log(
    `load average ${loadavg()
      .map((v) => v.toFixed(1))
      .join(" ")} on ${cpus().length} CPUs`,
  );
  const dir = mkdtempSync(join(tmpdir(), "nevewatch-full-import-"));
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    // The importer reads at its own pace (backpressure); Bun's default 10 s idle timeout would cut it.
    idleTimeout: 0,
    fetch: () => new Response(Bun.file(join(dir, "playlist.m3u"))),
  });
  try {
    const m3u = join(dir, "playlist.m3u");
    const writer = Bun.file(m3u).writer();
    for (const chunk of generateM3uChunks({ count: entries, seed: 1 })) writer.write(chunk);
    await writer.end();
    const mib = Bun.file(m3u).size / 2 ** 20;
    console.log(
      `M3U+: ${entries.toLocaleString("en")} entries, ${mib.toFixed(1)} MiB, served from 127.0.0.1`,
    );
    const url = `http://127.0.0.1:${server.port}/get.php?username=demo_user&password=s3cr3t&type=m3u_plus`;
    const self = import.meta.path;
    const reference = await child([join(import.meta.dir, "_line-count.ts"), m3u]);
    const first = await child([self, "--child", dir, url, "new", "new"]);
    const ids = first.ids ?? { storeId: "", providerId: "" };
    const again = await child([self, "--child", dir, url, ids.storeId, ids.providerId]);
    console.log(row("(a) line count (reference)", reference, "lines"));
    console.log(row("(b) full import into SQLite", first, "entries"));
    console.log(row("(c) re-import, nothing changed", again, "entries"));
    console.log(`    first:  ${JSON.stringify(first.extra)}`);
    console.log(`    again:  ${JSON.stringify(again.extra)}`);
    console.log(
      `ratio import/reference: time ${(first.ms / reference.ms).toFixed(1)}x, peak RSS ` +
        `${first.peakRssMiB.toFixed(0)} vs ${reference.peakRssMiB.toFixed(0)} MiB; database ` +
        `${(Bun.file(join(dir, "bench.db")).size / 2 ** 20).toFixed(0)} MiB`,
    );
    const failures: string[] = [];
    for (const [name, m] of [
      ["import", first],
      ["re-import", again],
    ] as const) {
      if (m.ms > TIME_BUDGET_MS)
        failures.push(`${name} took ${m.ms.toFixed(0)} ms (budget ${TIME_BUDGET_MS})`);
      if (m.peakRssMiB > RSS_BUDGET_MIB)
        failures.push(`${name} peaked at ${m.peakRssMiB.toFixed(0)} MiB (budget ${RSS_BUDGET_MIB})`);
    }
    if ((first.extra?.inserted ?? 0) < entries)
      failures.push(`inserted ${first.extra?.inserted} of ${entries}`);
    if ((again.extra?.inserted ?? 1) !== 0 || (again.extra?.updated ?? 1) !== 0)
      failures.push("the unchanged re-import wrote items");
    console.log(failures.length === 0 ? "PASS" : `FAIL: ${failures.join("; ")}`);
    return failures.length === 0 ? 0 : 1;
  } finally {
    server.stop(true);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--child") {
  await importChild(
    process.argv[3] ?? "",
    process.argv[4] ?? "",
    process.argv[5] ?? "new",
    process.argv[6] ?? "new",
  );
} else {
  process.exit(await main());
}
