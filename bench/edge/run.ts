/**
 * Edge benchmark: the edge against Debian's nginx as the reference proxy, both in front of the
 * same origin, measured in one run. Every server and every load generator is its own process;
 * every phase is bounded in time.
 *
 *   bun bench/edge/run.ts          (or `bun run bench edge`)
 *   bun bench/edge/run.ts segment  only the named phases: download, live, segment, scale
 */
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { generateRouteKeyPair, signRouteToken } from "../../packages/edge/mod.ts";
import { type NodeProcess, spawnNode } from "../../packages/edge/test/spawn-node.ts";
import { startStubApi } from "../../packages/edge/test/stub-api.ts";
import { type Nginx, startNginx } from "./nginx.ts";
import { cpuSeconds, machineBusy, peakRss } from "./proc-stats.ts";

const GIB = 1024 * 1024 * 1024;
const BITRATE = 4_000_000;
const LIVE_SECONDS = 15;
const NODE_ID = "bench-edge";
const here = import.meta.dir;
const PHASES = ["download", "live", "segment", "scale"] as const;
const chosen = process.argv.slice(2);
for (const name of chosen) {
  if (!(PHASES as readonly string[]).includes(name))
    throw new Error(`Unknown phase "${name}" (${PHASES.join(", ")})`);
}
const want = (phase: (typeof PHASES)[number]): boolean => chosen.length === 0 || chosen.includes(phase);
const bun = process.execPath;

const benchStartedAt = performance.now();
const loadBefore = loadavg()
  .map((n) => n.toFixed(2))
  .join(" ");
const children: { stop(): Promise<unknown> }[] = [];
const watchdog = setTimeout(() => {
  console.error("edge bench: overall time limit (10 min) reached");
  process.exit(1);
}, 600_000);

interface LiveResult {
  viewers: number;
  ok: number;
  deliveredMbps: number;
  totalMbit: number;
  minViewerMbps: number;
  stalled: number;
  maxGapMs: number;
  firstByteP50Ms: number;
}
interface BurstResult {
  requests: number;
  ok: number;
  bytes: number;
  p50Ms: number;
  p99Ms: number;
  wallMs: number;
}

async function startOrigin(): Promise<{ url: string; pid: number }> {
  const child = Bun.spawn([bun, join(here, "origin.ts")], { stdout: "pipe", stderr: "inherit" });
  children.push({ stop: async () => child.kill() });
  const reader = child.stdout.getReader();
  const { value } = await reader.read();
  reader.releaseLock();
  return { url: (JSON.parse(new TextDecoder().decode(value)) as { url: string }).url, pid: child.pid };
}

/** CPU seconds used by load generator processes so far. */
let loadCpuSeconds = 0;

async function load<T>(args: string[], urls: string[], timeoutMs: number): Promise<T> {
  const child = Bun.spawn([bun, join(here, "load.ts"), ...args], {
    stdin: new Blob([JSON.stringify(urls)]),
    stdout: "pipe",
    stderr: "inherit",
    env: { ...process.env, BUN_CONFIG_MAX_HTTP_REQUESTS: "4096" },
    timeout: timeoutMs,
  });
  const [out, code] = await Promise.all([new Response(child.stdout).text(), child.exited]);
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  loadCpuSeconds += Number(child.resourceUsage()?.cpuTime.total ?? 0) / 1e6;
  return JSON.parse(out) as T;
}

/** Live viewers split over `generators` load processes; results merged. */
async function liveLoad(urls: string[], generators: number): Promise<LiveResult> {
  const size = Math.ceil(urls.length / generators);
  const parts = await Promise.all(
    Array.from({ length: generators }, (_, i) =>
      load<Omit<LiveResult, "totalMbit">>(
        ["live", String(LIVE_SECONDS), String(BITRATE)],
        urls.slice(i * size, (i + 1) * size),
        (LIVE_SECONDS + 30) * 1000,
      ),
    ),
  );
  const deliveredMbps = parts.reduce((sum, p) => sum + p.deliveredMbps, 0);
  return {
    viewers: parts.reduce((sum, p) => sum + p.viewers, 0),
    ok: parts.reduce((sum, p) => sum + p.ok, 0),
    deliveredMbps,
    totalMbit: deliveredMbps * LIVE_SECONDS,
    minViewerMbps: Math.min(...parts.map((p) => p.minViewerMbps)),
    stalled: parts.reduce((sum, p) => sum + p.stalled, 0),
    maxGapMs: Math.max(...parts.map((p) => p.maxGapMs)),
    firstByteP50Ms: Math.max(...parts.map((p) => p.firstByteP50Ms)),
  };
}

async function curlMBps(url: string): Promise<number> {
  const child = Bun.spawn(
    ["curl", "-s", "-o", "/dev/null", "--max-time", "120", "-w", "%{speed_download} %{size_download}", url],
    {
      stdout: "pipe",
    },
  );
  const [out] = await Promise.all([new Response(child.stdout).text(), child.exited]);
  const [speed, size] = out.trim().split(" ").map(Number);
  if (size !== GIB) throw new Error(`download of ${url} got ${size} bytes`);
  return (speed ?? 0) / 1e6;
}

async function originStats(origin: string) {
  return (await (await fetch(`${origin}/stats`)).json()) as {
    liveConnections: Record<string, number>;
    fetches: Record<string, number>;
  };
}

async function edgeDropped(edge: string): Promise<number> {
  const text = await (await fetch(`${edge}/metrics`)).text();
  return Number(/^nevewatch_edge_dropped_viewers_total (\d+)$/m.exec(text)?.[1] ?? Number.NaN);
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "—");
const mib = (bytes: number) => `${fmt(bytes / 1048576, 0)} MiB`;

async function main(): Promise<void> {
  const originProcess = await startOrigin();
  const origin = originProcess.url;
  const nginx: Nginx = await startNginx(origin);
  children.push(nginx);
  const stub = startStubApi();
  children.push(stub);
  const keys = await generateRouteKeyPair();
  stub.credentials.set(NODE_ID, "bench-credential-0123456789");
  const edgeNode: NodeProcess = await spawnNode(
    [bun, join(here, "../../packages/edge/src/main.ts"), "serve"],
    {
      EDGE_API_URL: stub.url,
      EDGE_NODE_ID: NODE_ID,
      EDGE_NODE_CREDENTIAL: "bench-credential-0123456789",
      EDGE_ROUTE_PUBLIC_KEY: keys.publicKey,
      EDGE_LISTEN: "127.0.0.1:0",
      EDGE_LOG_LEVEL: "info",
      EDGE_CACHE_MB: "512",
      // The origin is on 127.0.0.1 like the edge; the guard's checks still run on every fetch.
      EDGE_OUTBOUND_ALLOW_PRIVATE: "true",
    },
  );
  children.push({ stop: () => edgeNode.terminate(5000) });
  const edge = edgeNode.url;
  const edgePid = edgeNode.process.pid;
  let sid = 0;
  const token = (stm: string, stt: "live" | "vod", fmtName: "ts" | "hls" | "file") =>
    signRouteToken(
      keys.privateKey,
      { aud: NODE_ID, sub: "bench", sid: `s${++sid}`, sto: "bench", stm, stt, fmt: fmtName },
      { ttlSec: 600 },
    );

  const rows: string[][] = [];
  const floors: [string, boolean, string][] = [];

  if (want("download")) {
    // 1. One 1 GiB download through each proxy.
    stub.sources.set("vod/big", [{ id: "f", url: `${origin}/file/${GIB}`, format: "file", accountId: null }]);
    // Best of three, interleaved, since other work on the machine makes single runs noisy.
    let direct = 0;
    let viaNginx = 0;
    let viaEdge = 0;
    for (let round = 0; round < 3; round += 1) {
      direct = Math.max(direct, await curlMBps(`${origin}/file/${GIB}`));
      viaNginx = Math.max(viaNginx, await curlMBps(`${nginx.url}/file/${GIB}`));
      viaEdge = Math.max(
        viaEdge,
        await curlMBps(`${edge}/vod/vod/big?token=${await token("big", "vod", "file")}`),
      );
    }
    rows.push([
      "1 GiB download",
      "MB/s",
      fmt(viaEdge, 0),
      fmt(viaNginx, 0),
      `${fmt(viaEdge / viaNginx, 2)}× (direct origin ${fmt(direct, 0)} MB/s)`,
    ]);
    floors.push(["single stream ≥ 0.5× nginx", viaEdge >= 0.5 * viaNginx, `${fmt(viaEdge / viaNginx, 2)}×`]);
  }

  // 2. Live fan-out: N viewers of one channel at 4 Mbit/s, nginx then edge.
  async function fanOut(viewers: number, generators: number, withNginx = true) {
    const nginxId = `n${viewers}`;
    const edgeId = `e${viewers}`;
    stub.sources.set(`live/${edgeId}`, [
      { id: "o", url: `${origin}/live/${edgeId}.ts?bps=${BITRATE}`, format: "ts", accountId: null },
    ]);
    const measure = async (pid: number, urls: string[], id: string) => {
      const cpu0 = cpuSeconds(pid);
      const originCpu0 = cpuSeconds(originProcess.pid);
      const loadCpu0 = loadCpuSeconds;
      const rss = peakRss(pid);
      const machine = machineBusy();
      const result = await liveLoad(urls, generators);
      const machinePercent = machine.stop();
      const cpu = cpuSeconds(pid) - cpu0;
      const peak = rss.stop();
      const upstreams = (await originStats(origin)).liveConnections[id] ?? 0;
      return {
        result,
        cpu,
        peak,
        upstreams,
        machinePercent,
        originCpu: cpuSeconds(originProcess.pid) - originCpu0,
        loadCpu: loadCpuSeconds - loadCpu0,
      };
    };
    const nginxRun = withNginx
      ? await measure(
          nginx.pid,
          Array.from({ length: viewers }, () => `${nginx.url}/live/${nginxId}.ts?bps=${BITRATE}`),
          nginxId,
        )
      : undefined;
    const edgeUrls = await Promise.all(
      Array.from(
        { length: viewers },
        async () => `${edge}/live/${edgeId}.ts?token=${await token(edgeId, "live", "ts")}`,
      ),
    );
    const dropped0 = await edgeDropped(edge);
    const edgeRun = { ...(await measure(edgePid, edgeUrls, edgeId)), dropped: 0 };
    edgeRun.dropped = (await edgeDropped(edge)) - dropped0;
    await Bun.sleep(6000); // let the edge's channel linger out before the next phase
    return { nginxRun, edgeRun };
  }

  type Run = Awaited<ReturnType<typeof fanOut>>["edgeRun"];
  const cpuPerMbit = (run: Run) => (run.cpu * 1000) / Math.max(1, run.result.totalMbit);
  const where = (run: Run) =>
    `machine ${fmt(run.machinePercent, 0)}% busy; cores: proxy ${fmt(run.cpu / LIVE_SECONDS, 2)}, ` +
    `load gen ${fmt(run.loadCpu / LIVE_SECONDS, 2)}, origin ${fmt(run.originCpu / LIVE_SECONDS, 2)}`;

  if (want("live")) {
    const p200 = await fanOut(200, 1);
    for (const [label, viewers, run] of [["200 viewers × 4 Mbit/s, 15 s", 200, p200]] as const) {
      const e = run.edgeRun;
      const n = run.nginxRun as Run;
      rows.push([label, "upstream connections", String(e.upstreams), String(n.upstreams), ""]);
      rows.push([
        label,
        "delivered Mbit/s",
        fmt(e.result.deliveredMbps, 0),
        fmt(n.result.deliveredMbps, 0),
        `${fmt(e.result.deliveredMbps / n.result.deliveredMbps, 2)}× (ideal ${(viewers * BITRATE) / 1e6})`,
      ]);
      rows.push([label, "stalled viewers", String(e.result.stalled), String(n.result.stalled), ""]);
      rows.push([label, "proxy CPU seconds", fmt(e.cpu, 2), fmt(n.cpu, 2), ""]);
      rows.push([
        label,
        "CPU ms per delivered Mbit",
        fmt(cpuPerMbit(e), 3),
        fmt(cpuPerMbit(n), 3),
        `${fmt(cpuPerMbit(e) / cpuPerMbit(n), 2)}×`,
      ]);
      rows.push([label, "proxy peak RSS", mib(e.peak), mib(n.peak), ""]);
    }
    floors.push([
      "200 viewers cost exactly 1 upstream connection, no stalled viewer",
      p200.edgeRun.upstreams === 1 && p200.edgeRun.result.stalled === 0,
      `${p200.edgeRun.upstreams} upstream, ${p200.edgeRun.result.stalled} stalled`,
    ]);
    floors.push([
      "fan-out CPU per delivered Mbit/s no worse than nginx",
      cpuPerMbit(p200.edgeRun) <= cpuPerMbit(p200.nginxRun as Run),
      `${fmt(cpuPerMbit(p200.edgeRun), 3)} vs ${fmt(cpuPerMbit(p200.nginxRun as Run), 3)} ms/Mbit`,
    ]);
  }

  if (want("segment")) {
    // 3. 500 concurrent requests for one fresh HLS segment (origin answers after 100 ms).
    const run = `c${Date.now()}`;
    const nginxBurst = await load<BurstResult>(
      ["burst"],
      Array.from({ length: 500 }, () => `${nginx.url}/hls/${run}n/seg.ts`),
      60_000,
    );
    stub.sources.set("live/hls-bench", [
      { id: "h", url: `${origin}/hls/${run}e/index.m3u8`, format: "hls", accountId: null },
    ]);
    const segmentUrls: string[] = [];
    for (let i = 0; i < 500; i += 10) {
      // 500 separate sessions, as 500 players would have; setup is not timed.
      const batch = await Promise.all(
        Array.from({ length: 10 }, async () => {
          const entry = await fetch(
            `${edge}/hls/hls-bench/index.m3u8?token=${await token("hls-bench", "live", "hls")}`,
            {
              redirect: "manual",
            },
          );
          const playlist = await (await fetch(`${edge}${entry.headers.get("location")}`)).text();
          const uri = playlist.split("\n").find((line) => line !== "" && !line.startsWith("#"));
          return `${edge}${uri}`;
        }),
      );
      segmentUrls.push(...batch);
    }
    const edgeBurst = await load<BurstResult>(["burst"], segmentUrls, 60_000);
    const fetchesNow = (await originStats(origin)).fetches;
    const nginxFetches = fetchesNow[`/hls/${run}n/seg.ts`] ?? 0;
    const edgeFetches = fetchesNow[`/hls/${run}e/seg.ts`] ?? 0;
    const burstLabel = "500 requests, one fresh HLS segment";
    rows.push([burstLabel, "upstream fetches", String(edgeFetches), String(nginxFetches), ""]);
    rows.push([
      burstLabel,
      "p50 latency ms",
      fmt(edgeBurst.p50Ms),
      fmt(nginxBurst.p50Ms),
      `${fmt(edgeBurst.p50Ms / nginxBurst.p50Ms, 2)}×`,
    ]);
    rows.push([
      burstLabel,
      "p99 latency ms",
      fmt(edgeBurst.p99Ms),
      fmt(nginxBurst.p99Ms),
      `${fmt(edgeBurst.p99Ms / nginxBurst.p99Ms, 2)}×`,
    ]);
    rows.push([burstLabel, "OK responses", String(edgeBurst.ok), String(nginxBurst.ok), ""]);
    floors.push([
      "500 segment requests cost 1 upstream fetch with p50 below nginx",
      edgeFetches === 1 && edgeBurst.ok === 500 && edgeBurst.p50Ms < nginxBurst.p50Ms,
      `${edgeFetches} fetch, p50 ${fmt(edgeBurst.p50Ms)} vs ${fmt(nginxBurst.p50Ms)} ms`,
    ]);
  }

  if (want("scale")) {
    // 4. 1,000 viewers: where this 2-core machine tops out (proxy, origin and load generators share it).
    const p1000 = await fanOut(1000, 2);
    const label = "1000 viewers × 4 Mbit/s, 15 s";
    const e = p1000.edgeRun;
    const n = p1000.nginxRun as Run;
    rows.push([label, "upstream connections", String(e.upstreams), String(n.upstreams), ""]);
    rows.push([
      label,
      "delivered Mbit/s",
      fmt(e.result.deliveredMbps, 0),
      fmt(n.result.deliveredMbps, 0),
      "ideal 4000",
    ]);
    rows.push([
      label,
      "stalled viewers",
      String(e.result.stalled),
      String(n.result.stalled),
      `edge dropped ${e.dropped}`,
    ]);
    rows.push([label, "proxy CPU seconds", fmt(e.cpu, 2), fmt(n.cpu, 2), ""]);
    rows.push([
      label,
      "CPU ms per delivered Mbit",
      fmt(cpuPerMbit(e), 3),
      fmt(cpuPerMbit(n), 3),
      `${fmt(cpuPerMbit(e) / cpuPerMbit(n), 2)}×`,
    ]);
    rows.push([label, "proxy peak RSS", mib(e.peak), mib(n.peak), ""]);
    rows.push([label, "where the machine is (edge run)", "", "", where(e)]);
    rows.push([label, "where the machine is (nginx run)", "", "", where(n)]);

    // 5. Edge only, beyond 1,000: step up until viewers stall or the machine is out of CPU.
    for (const viewers of [2000, 3000]) {
      const step = (await fanOut(viewers, 4, false)).edgeRun;
      const stepLabel = `${viewers} viewers (edge only)`;
      rows.push([
        stepLabel,
        "delivered Mbit/s / stalled / dropped by edge",
        `${fmt(step.result.deliveredMbps, 0)} / ${step.result.stalled} / ${step.dropped}`,
        "",
        `ideal ${(viewers * BITRATE) / 1e6}`,
      ]);
      rows.push([
        stepLabel,
        "upstreams / peak RSS",
        `${step.upstreams} / ${mib(step.peak)}`,
        "",
        where(step),
      ]);
      if (step.result.stalled > viewers / 100 || step.machinePercent > 95) break;
    }
  }

  const header = ["test", "metric", "edge", "nginx", "ratio / note"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
  console.log("\nFloors:");
  for (const [name, ok, detail] of floors) console.log(`  ${ok ? "PASS" : "FAIL"}  ${name} (${detail})`);
  const edgeStats = (await (await fetch(`${edge}/health`)).json()) as Record<string, unknown>;
  console.log(`\nEdge at the end: ${JSON.stringify(edgeStats)}`);
  console.log(
    `Bench took ${fmt((performance.now() - benchStartedAt) / 1000, 0)} s on ${cpus().length} cores (load average before: ${loadBefore}).`,
  );
}

try {
  await main();
} finally {
  for (const child of children.reverse()) await child.stop().catch(() => {});
  clearTimeout(watchdog);
}
