/**
 * A load generator in its own process, so it does not share the edge's heap or CPU: opens one
 * streaming GET per URL (read from stdin as a JSON array), reads and discards for `ms`, then
 * prints per-viewer byte counts (and when each saw its first byte) as JSON on stdout.
 *
 *   bun test/load-client.ts <ms> < urls.json
 */

interface ViewerResult {
  status: number;
  bytes: number;
  firstByteMs: number;
  ended: boolean;
}

export {};

const ms = Number(process.argv[2] ?? "5000");
const urls = JSON.parse(await Bun.stdin.text()) as string[];
const startedAt = performance.now();
const deadline = Date.now() + ms;

async function view(url: string): Promise<ViewerResult> {
  const result: ViewerResult = { status: 0, bytes: 0, firstByteMs: -1, ended: false };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(0, deadline - Date.now()));
  try {
    const response = await fetch(url, { signal: controller.signal });
    result.status = response.status;
    if (response.body === null) return result;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        result.ended = true;
        break;
      }
      if (result.firstByteMs < 0) result.firstByteMs = Math.round(performance.now() - startedAt);
      result.bytes += value.length;
    }
  } catch {
    // Aborted at the deadline (the normal end) or cut by the server.
  } finally {
    clearTimeout(timer);
  }
  return result;
}

const results = await Promise.all(urls.map(view));
process.stdout.write(`${JSON.stringify(results)}\n`);
