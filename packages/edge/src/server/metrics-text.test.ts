import { afterAll, expect, test } from "bun:test";
import { type Harness, startEdge } from "../../test/edge-harness.ts";
import { startFileOrigin } from "../../test/file-origin.ts";
import { openHlsSession, playlistUris } from "../../test/hls-client.ts";
import { startHlsOrigin } from "../../test/hls-origin.ts";
import { startTsOrigin } from "../../test/ts-origin.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `promtool check metrics` (Debian's prometheus package, which `npm test` installs) on a scrape. */
function promtool(text: string): { code: number; output: string } {
  if (!Bun.which("promtool"))
    throw new Error("promtool is missing: apt-get install prometheus (npm test installs it)");
  const run = Bun.spawnSync(["promtool", "check", "metrics"], { stdin: new TextEncoder().encode(text) });
  return { code: run.exitCode, output: `${run.stdout.toString()}${run.stderr.toString()}`.trim() };
}

/** Live, HLS and VOD viewers and refused tokens, so every family has samples. */
async function traffic(h: Harness): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  const ts = startTsOrigin({ bitrateBps: 1_000_000 });
  cleanups.push(() => ts.kill());
  const hls = startHlsOrigin();
  cleanups.push(() => hls.kill());
  const file = await startFileOrigin(100_000);
  cleanups.push(() => file.kill());
  h.sources.set("live/100", [{ id: "ts", url: ts.url, format: "ts", accountId: null }]);
  h.sources.set("live/200", [
    { id: "hls", url: `${hls.base}/live/ch1/index.m3u8`, format: "hls", accountId: null },
  ]);
  h.sources.set("vod/300", [{ id: "file", url: file.url, format: "file", accountId: null }]);

  const live = await fetch(`${h.base}/live/100.ts?token=${await h.token("100", "live", "ts")}`);
  const reader = (live.body as ReadableStream<Uint8Array>).getReader();
  await reader.read();
  const playlist = await (await fetch(await openHlsSession(h, "200"))).text();
  const segment = playlistUris(playlist).at(-1) ?? "";
  for (let i = 0; i < 2; i++) await (await fetch(`${h.base}${segment}`)).arrayBuffer();
  const vod = await fetch(`${h.base}/vod/vod/300.mp4?token=${await h.token("300", "vod", "file")}`, {
    headers: { range: "bytes=0-999" },
  });
  await vod.arrayBuffer();
  await (await fetch(`${h.base}/live/100.ts`)).arrayBuffer();
  await (await fetch(`${h.base}/live/100.ts?token=not-a-token`)).arrayBuffer();
  return reader;
}

test("the edge's /metrics passes promtool check metrics with live, HLS and VOD traffic", async () => {
  const h = await startEdge();
  cleanups.push(() => h.stop());
  const live = await traffic(h);
  cleanups.push(() => live.cancel());
  const response = await fetch(`${h.base}/metrics`);
  expect(response.headers.get("content-type")).toStartWith("text/plain");
  const text = await response.text();
  expect(promtool(text)).toEqual({ code: 0, output: "" });
  const value = (series: string) =>
    Number(new RegExp(`^${series.replace(/[{}]/g, "\\$&")} (\\S+)$`, "m").exec(text)?.[1]);
  expect(value("nevewatch_edge_viewers")).toBe(1);
  expect(value("nevewatch_edge_upstreams")).toBe(1);
  expect(value("nevewatch_edge_bytes_in_total")).toBeGreaterThan(0);
  for (const protocol of ["live", "hls", "vod"])
    expect(value(`nevewatch_edge_bytes_out_total{protocol="${protocol}"}`)).toBeGreaterThan(0);
  expect(value("nevewatch_edge_hls_cache_hits_total")).toBeGreaterThan(0);
  expect(value("nevewatch_edge_hls_cache_misses_total")).toBeGreaterThan(0);
  expect(value('nevewatch_edge_hls_upstream_fetches_total{kind="playlist"}')).toBeGreaterThan(0);
  expect(value('nevewatch_edge_token_rejections_total{reason="token_missing"}')).toBe(1);
});

test("promtool refuses a gauge named like a counter (so the check above is real)", () => {
  const verdict = promtool(
    "# HELP x_active_total Active things.\n# TYPE x_active_total gauge\nx_active_total 1\n",
  );
  expect(verdict.code).not.toBe(0);
  expect(verdict.output).toContain('non-counter metrics should not have "_total" suffix');
});
