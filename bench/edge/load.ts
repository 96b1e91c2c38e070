/**
 * The benchmark's load generator, always in its own process (never the measured one's).
 *
 *   bun load.ts live <seconds> <expectedBps> < urls.json   many long-lived viewers
 *   bun load.ts burst < urls.json                           one concurrent wave of GETs
 *
 * Prints one JSON line with the results.
 */

interface Viewer {
  status: number;
  bytes: number;
  /** Bytes at the start of the steady-state window. */
  bytesAtWindow: number;
  firstByteAt: number;
  lastByteAt: number;
  maxGapMs: number;
  ended: boolean;
}

export {};

const [mode, secondsArg, expectedArg] = process.argv.slice(2);
const urls = JSON.parse(await Bun.stdin.text()) as string[];

async function live(seconds: number, expectedBps: number): Promise<void> {
  const startedAt = performance.now();
  const warmupMs = Math.min(3000, (seconds * 1000) / 4);
  const stopAt = startedAt + seconds * 1000;
  const viewers: Viewer[] = urls.map(() => ({
    status: 0,
    bytes: 0,
    bytesAtWindow: 0,
    firstByteAt: -1,
    lastByteAt: -1,
    maxGapMs: 0,
    ended: false,
  }));
  const snapshot = setTimeout(() => {
    for (const viewer of viewers) viewer.bytesAtWindow = viewer.bytes;
  }, warmupMs);
  await Promise.all(
    urls.map(async (url, index) => {
      const viewer = viewers[index] as Viewer;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), Math.max(0, stopAt - performance.now()));
      try {
        const response = await fetch(url, { signal: controller.signal });
        viewer.status = response.status;
        const reader = response.body?.getReader();
        while (reader !== undefined) {
          const { done, value } = await reader.read();
          const now = performance.now();
          if (done) {
            viewer.ended = now < stopAt - 100;
            break;
          }
          if (viewer.firstByteAt < 0) viewer.firstByteAt = now - startedAt;
          else viewer.maxGapMs = Math.max(viewer.maxGapMs, now - viewer.lastByteAt);
          viewer.lastByteAt = now;
          viewer.bytes += value.length;
        }
      } catch {
        // Aborted at the end of the run.
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  clearTimeout(snapshot);
  const windowSec = seconds - warmupMs / 1000;
  const rates = viewers.map((viewer) => ((viewer.bytes - viewer.bytesAtWindow) * 8) / windowSec);
  const stalled = viewers.filter(
    (viewer, i) =>
      viewer.status !== 200 || viewer.ended || viewer.maxGapMs > 2000 || (rates[i] ?? 0) < 0.9 * expectedBps,
  ).length;
  const firstBytes = viewers.map((viewer) => viewer.firstByteAt).sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({
      viewers: viewers.length,
      ok: viewers.filter((viewer) => viewer.status === 200).length,
      deliveredMbps: rates.reduce((sum, rate) => sum + rate, 0) / 1e6,
      minViewerMbps: Math.min(...rates) / 1e6,
      stalled,
      maxGapMs: Math.round(Math.max(...viewers.map((viewer) => viewer.maxGapMs))),
      firstByteP50Ms: Math.round(firstBytes[Math.floor(firstBytes.length / 2)] ?? -1),
    })}\n`,
  );
}

async function burst(): Promise<void> {
  const startedAt = performance.now();
  const results = await Promise.all(
    urls.map(async (url) => {
      const t0 = performance.now();
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
        const body = await response.arrayBuffer();
        return { status: response.status, bytes: body.byteLength, ms: performance.now() - t0 };
      } catch {
        return { status: 0, bytes: 0, ms: performance.now() - t0 };
      }
    }),
  );
  const ms = results.map((result) => result.ms).sort((a, b) => a - b);
  const pick = (q: number) =>
    Math.round((ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0) * 10) / 10;
  process.stdout.write(
    `${JSON.stringify({
      requests: results.length,
      ok: results.filter((result) => result.status === 200).length,
      bytes: results.reduce((sum, result) => sum + result.bytes, 0),
      p50Ms: pick(0.5),
      p99Ms: pick(0.99),
      wallMs: Math.round(performance.now() - startedAt),
    })}\n`,
  );
}

if (mode === "live") await live(Number(secondsArg), Number(expectedArg));
else if (mode === "burst") await burst();
else throw new Error(`Unknown mode "${mode}"`);
