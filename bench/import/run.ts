/**
 * Catalog import parsers: generates a 100,000-entry M3U+ and a 1,000-channel x 7-day XMLTV
 * guide in a temp dir, then measures each step in its own `bun` child so that peak RSS is
 * that step's alone. The reference is a plain line count of the same file through the same
 * stream; the parse is reported as a ratio of it. Budgets: M3U parse under 1.5 s and 300 MiB.
 * Times are the child's own from start of read to last event; "process" adds Bun's start-up.
 * CPU time is printed too because the machine is shared and wall time swings with its load.
 * Then the two end-to-end benchmarks run with the same sizes: `full-import.ts` (the whole
 * catalog import into SQLite, under 10 s and 300 MiB) and `epg-queries.ts` (guide queries at
 * 1,000 channels x 7 days, each under 1 s).
 *
 * `bun bench/import/run.ts [entries] [channels] [days]`
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { generateM3uChunks } from "../../packages/api/src/iptv/testing/generate-m3u.ts";
import { generateXmltvChunks } from "../../packages/api/src/iptv/testing/generate-xmltv.ts";
import type { ChildReport } from "./_report.ts";

const entries = Number(process.argv[2] ?? 100_000);
const channels = Number(process.argv[3] ?? 1_000);
const days = Number(process.argv[4] ?? 7);
const M3U_BUDGET_MS = 1_500;
const RSS_BUDGET_MIB = 300;

interface Measured extends ChildReport {
  wallMs: number;
}

async function child(script: string, file: string): Promise<Measured> {
  const startedAt = performance.now();
  const proc = Bun.spawn([process.execPath, join(import.meta.dir, script), file], {
    stdout: "pipe",
    stderr: "inherit",
  });
  const out = await new Response(proc.stdout).text();
  const code = await proc.exited;
  const wallMs = performance.now() - startedAt;
  if (code !== 0) throw new Error(`${script} exited with ${code}`);
  const last = out.trim().split("\n").at(-1) ?? "{}";
  return { ...(JSON.parse(last) as ChildReport), wallMs };
}

async function writeChunks(path: string, chunks: Iterable<string>): Promise<number> {
  const startedAt = performance.now();
  const writer = Bun.file(path).writer();
  for (const chunk of chunks) writer.write(chunk);
  await writer.end();
  return performance.now() - startedAt;
}

function row(name: string, m: Measured, unit: string): string {
  const rate = m.count / (m.ms / 1000);
  return (
    `${name.padEnd(30)} ${m.ms.toFixed(0).padStart(6)} ms  cpu ${m.cpuMs.toFixed(0).padStart(6)} ms  ` +
    `(process ${m.wallMs.toFixed(0).padStart(5)} ms)  ` +
    `peak RSS ${m.peakRssMiB.toFixed(1).padStart(6)} MiB  ${m.count.toLocaleString("en").padStart(9)} ${unit}  ` +
    `${Math.round(rate).toLocaleString("en")} ${unit}/s`
  );
}

console.log(
  `load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(" ")} on ${cpus().length} CPUs`,
);
const dir = mkdtempSync(join(tmpdir(), "nevewatch-import-bench-"));
try {
  const m3u = join(dir, "playlist.m3u");
  const generatedIn = await writeChunks(m3u, generateM3uChunks({ count: entries, seed: 1 }));
  const m3uMiB = Bun.file(m3u).size / 2 ** 20;
  console.log(
    `M3U+: ${entries.toLocaleString("en")} entries, ${m3uMiB.toFixed(1)} MiB, generated in ${generatedIn.toFixed(0)} ms`,
  );
  const reference = await child("_line-count.ts", m3u);
  const parse = await child("_parse-m3u.ts", m3u);
  const write = await child("_write-m3u.ts", m3u);
  console.log(row("(a) line count (reference)", reference, "lines"));
  console.log(row("(b) parseM3u, all entries", parse, "entries"));
  console.log(row("(c) parse + m3uStream write", write, "entries"));
  console.log(
    `ratio parse/reference: time ${(parse.ms / reference.ms).toFixed(1)}x, ` +
      `peak RSS ${(parse.peakRssMiB / reference.peakRssMiB).toFixed(2)}x ` +
      `(+${(parse.peakRssMiB - reference.peakRssMiB).toFixed(1)} MiB); ` +
      `${(m3uMiB / (parse.ms / 1000)).toFixed(0)} MiB/s; warnings ${parse.extra?.warnings ?? "?"}`,
  );

  const xml = join(dir, "guide.xml");
  const xmlGenerated = await writeChunks(
    xml,
    generateXmltvChunks({ channels, days, seed: 1, offset: "+0100" }),
  );
  const gz = join(dir, "guide.xml.gz");
  await Bun.write(gz, Bun.gzipSync(await Bun.file(xml).bytes()));
  const xmlMiB = Bun.file(xml).size / 2 ** 20;
  console.log(
    `\nXMLTV: ${channels.toLocaleString("en")} channels x ${days} days, ${xmlMiB.toFixed(1)} MiB ` +
      `(${(Bun.file(gz).size / 2 ** 20).toFixed(1)} MiB gzipped), generated in ${xmlGenerated.toFixed(0)} ms`,
  );
  const xmlReference = await child("_line-count.ts", xml);
  const xmlPlain = await child("_parse-xmltv.ts", xml);
  const xmlGzip = await child("_parse-xmltv.ts", gz);
  console.log(row("(a) line count (reference)", xmlReference, "lines"));
  console.log(row("(b) parseXmltv, plain", xmlPlain, "programmes"));
  console.log(row("(b) parseXmltv, gzip", xmlGzip, "programmes"));
  console.log(
    `ratio parse/reference: time ${(xmlPlain.ms / xmlReference.ms).toFixed(1)}x; warnings ${xmlPlain.extra?.warnings ?? "?"}`,
  );

  const failures: string[] = [];
  if (parse.count !== entries) failures.push(`parsed ${parse.count} of ${entries} entries`);
  // Judged on CPU time: on a loaded machine wall time measures the neighbours, not the parser.
  if (parse.cpuMs > M3U_BUDGET_MS) {
    failures.push(`M3U parse used ${parse.cpuMs.toFixed(0)} ms of CPU (budget ${M3U_BUDGET_MS})`);
  }
  if (parse.ms > M3U_BUDGET_MS) {
    console.log(`note: M3U parse wall time ${parse.ms.toFixed(0)} ms is over budget at this machine load`);
  }
  for (const [name, m] of [
    ["M3U parse", parse],
    ["XMLTV parse", xmlPlain],
    ["XMLTV gzip parse", xmlGzip],
  ] as const) {
    if (m.peakRssMiB > RSS_BUDGET_MIB) failures.push(`${name} peaked at ${m.peakRssMiB.toFixed(0)} MiB`);
  }
  console.log(failures.length === 0 ? "\nwithin budget" : `\nOVER BUDGET: ${failures.join("; ")}`);
  process.exitCode = failures.length === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

for (const [script, args] of [
  ["full-import.ts", [String(entries)]],
  ["epg-queries.ts", [String(channels), String(days)]],
] as const) {
  console.log(`\n--- ${script}`);
  const run = Bun.spawnSync([process.execPath, join(import.meta.dir, script), ...args], {
    stdio: ["inherit", "inherit", "inherit"],
  });
  if (run.exitCode !== 0) process.exitCode = 1;
}
