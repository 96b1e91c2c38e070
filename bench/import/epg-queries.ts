/**
 * Guide queries at full size: a generated XMLTV guide of 1,000 channels x 7 days is imported
 * through the real guide import into SQLite, 1,000 catalog channels point at it, and the
 * viewer-side queries are timed: now/next for every channel, a 3-hour grid of every channel,
 * a 24-hour grid of 100 channels and one channel's whole week. Budget: each under 1 s.
 *
 * `bun bench/import/epg-queries.ts [channels] [days]`
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createContext, migrate } from "../../packages/api/src/boot.ts";
import { loadConfig } from "../../packages/api/src/config/config.ts";
import { generateXmltvChunks } from "../../packages/api/src/iptv/testing/generate-xmltv.ts";
import { createLogger } from "../../packages/api/src/log/logger.ts";
import { createImport, itemsOf } from "../../packages/api/src/modules/catalog/mod.ts";
import { grid, loadGuideIndex, matchChannel, upcoming } from "../../packages/api/src/modules/epg/mod.ts";
import { runGuideImport } from "../../packages/api/src/modules/epg/run-import.ts";
import { createGuideSource } from "../../packages/api/src/modules/epg/sources.ts";

const QUERY_BUDGET_MS = 1000;
const channels = Number(process.argv[2] ?? 1000);
const days = Number(process.argv[3] ?? 7);
const DAY = 86_400_000;

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const startedAt = performance.now();
  const result = await work();
  return [result, performance.now() - startedAt];
}

console.log(
  `load average ${loadavg()
    .map((v) => v.toFixed(1))
    .join(" ")} on ${cpus().length} CPUs`,
);
const dir = mkdtempSync(join(tmpdir(), "nevewatch-epg-bench-"));
const start = Math.floor(Date.now() / DAY) * DAY - DAY;
const xml = join(dir, "guide.xml");
const writer = Bun.file(xml).writer();
for (const chunk of generateXmltvChunks({ channels, days, seed: 1, start, offset: "+0100" }))
  writer.write(chunk);
await writer.end();
const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  idleTimeout: 0,
  fetch: () => new Response(Bun.file(xml)),
});
const failures: string[] = [];
try {
  const ctx = await createContext(
    loadConfig({
      NODE_ENV: "test",
      DATA_DIR: dir,
      DATABASE_URL: `sqlite:${join(dir, "bench.db")}`,
      LOG_LEVEL: "silent",
      // The guide is served on 127.0.0.1, which the import's SSRF guard refuses by default.
      OUTBOUND_ALLOW_PRIVATE: "true",
    }),
    { log: createLogger({ level: "silent" }) },
  );
  await migrate(ctx);
  const storeId = "bench-store";
  const now = new Date().toISOString();
  const docs = Array.from({ length: channels }, (_, i) => ({
    storeId,
    type: "live" as const,
    xid: i + 1,
    name: `Channel ${i + 1} HD`,
    searchKey: `channel ${i + 1} hd`,
    searchTail: `${i + 1} hd`,
    categoryId: null,
    enabled: true,
    sortOrder: i + 1,
    number: i + 1,
    logo: null,
    epgId: `channel-${i + 1}.example`,
    containerExtension: null,
    duration: null,
    plot: null,
    rating: null,
    seriesId: null,
    season: null,
    episode: null,
    sources: [],
    providerId: null,
    importKey: null,
    importHash: null,
    locked: [],
    missingSince: null,
    createdAt: now,
    updatedAt: now,
  }));
  await itemsOf(ctx, storeId).insertMany(docs);
  const by = { principal: null, ip: null, requestId: null };
  const source = await createGuideSource(
    ctx,
    storeId,
    { name: "Bench", url: `http://127.0.0.1:${server.port}/guide.xml`, retentionDays: 2 },
    by,
  );
  const record = await createImport(ctx, storeId, "epg", source.id);
  const [done, importMs] = await time(() => runGuideImport(ctx, storeId, record._id));
  console.log(
    `XMLTV ${channels} channels x ${days} days, ${(Bun.file(xml).size / 2 ** 20).toFixed(0)} MiB: ` +
      `${done?.counts.inserted.toLocaleString("en")} programmes imported in ${importMs.toFixed(0)} ms (${done?.status})`,
  );
  const items = (
    await itemsOf(ctx, storeId).find({ type: "live" }, { sort: [["sortOrder", 1]], limit: 1000 })
  ).items;
  const at = new Date();
  const [index, indexMs] = await time(() => loadGuideIndex(ctx, storeId));
  const keys = items.map((ch) => matchChannel(index, ch).guideKey ?? "");
  const [nowNext, nowMs] = await time(() => Promise.all(keys.map((k) => upcoming(ctx, storeId, k, at, 2))));
  const [grid3h, grid3hMs] = await time(() =>
    grid(ctx, storeId, keys, at, new Date(at.getTime() + 3 * 3_600_000)),
  );
  const [grid24, grid24Ms] = await time(() =>
    grid(ctx, storeId, keys.slice(0, 100), at, new Date(at.getTime() + DAY)),
  );
  const [week, weekMs] = await time(() =>
    grid(ctx, storeId, keys.slice(0, 1), new Date(start), new Date(start + days * DAY)),
  );
  const count = (m: Map<string, unknown[]>) => [...m.values()].reduce((n, l) => n + l.length, 0);
  const rows: Array<[string, number, string]> = [
    ["guide index (channel matching)", indexMs, `${index.keys.size} guide channels`],
    ["now/next, every channel", nowMs, `${nowNext.filter((l) => l.length === 2).length} channels with both`],
    ["grid 3 h x every channel", grid3hMs, `${count(grid3h)} programmes`],
    ["grid 24 h x 100 channels", grid24Ms, `${count(grid24)} programmes`],
    ["grid 7 days x 1 channel", weekMs, `${count(week)} programmes`],
  ];
  for (const [name, ms, what] of rows) {
    console.log(`${name.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms  ${what}`);
    if (ms > QUERY_BUDGET_MS) failures.push(`${name} took ${ms.toFixed(0)} ms`);
  }
  await ctx.store.close();
} finally {
  server.stop(true);
  rmSync(dir, { recursive: true, force: true });
}
console.log(failures.length === 0 ? "PASS" : `FAIL: ${failures.join("; ")}`);
process.exit(failures.length === 0 ? 0 : 1);
