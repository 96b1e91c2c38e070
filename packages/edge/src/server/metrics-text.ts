/**
 * Prometheus text exposition of the edge's counters. Written by hand (a dozen lines) so an
 * embedding process keeps its own registry untouched and the hot paths only bump plain numbers.
 */
import type { EdgeStats } from "./edge-stats.ts";

type Sample = [labels: Record<string, string>, value: number];

function metric(name: string, type: "counter" | "gauge", help: string, samples: Sample[] | number): string {
  const rows = typeof samples === "number" ? [[{}, samples] as Sample] : samples;
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const [labels, value] of rows) {
    const pairs = Object.entries(labels).map(([key, v]) => `${key}="${v.replace(/["\\\n]/g, "_")}"`);
    lines.push(`${name}${pairs.length > 0 ? `{${pairs.join(",")}}` : ""} ${value}`);
  }
  return lines.join("\n");
}

export function metricsText(stats: EdgeStats): string {
  const p = "nevewatch_edge_";
  return `${[
    metric(`${p}viewers`, "gauge", "Live viewers connected.", stats.viewers),
    metric(`${p}upstreams`, "gauge", "Live upstream connections open.", stats.upstreams),
    metric(`${p}channels`, "gauge", "Live channels open.", stats.channels.length),
    metric(`${p}sessions`, "gauge", "Screen sessions held by this edge.", stats.sessions),
    metric(`${p}bytes_in_total`, "counter", "Bytes read from live upstreams.", stats.bytesIn),
    metric(`${p}bytes_out_total`, "counter", "Bytes handed to viewers.", [
      [{ protocol: "live" }, stats.bytesOutByProtocol.live],
      [{ protocol: "hls" }, stats.bytesOutByProtocol.hls],
      [{ protocol: "vod" }, stats.bytesOutByProtocol.vod],
    ]),
    metric(
      `${p}dropped_viewers_total`,
      "counter",
      "Live viewers dropped for falling behind.",
      stats.droppedViewers,
    ),
    metric(`${p}failovers_total`, "counter", "Live upstream reconnections after a failure.", stats.failovers),
    metric(
      `${p}hls_cache_hits_total`,
      "counter",
      "HLS object requests served from cache.",
      stats.hls.cacheHits,
    ),
    metric(
      `${p}hls_cache_misses_total`,
      "counter",
      "HLS object requests that went upstream.",
      stats.hls.cacheMisses,
    ),
    metric(`${p}hls_cache_bytes`, "gauge", "Bytes held in the HLS cache.", stats.hls.cacheBytes),
    metric(`${p}hls_upstream_fetches_total`, "counter", "Upstream HLS fetches.", [
      [{ kind: "playlist" }, stats.hls.playlistFetches],
      [{ kind: "object" }, stats.hls.segmentFetches],
    ]),
    metric(
      `${p}token_rejections_total`,
      "counter",
      "Route tokens refused, by reason.",
      Object.entries(stats.tokenRejections).map(([reason, count]): Sample => [{ reason }, count]),
    ),
    metric(`${p}draining`, "gauge", "1 while the edge drains.", stats.draining ? 1 : 0),
  ].join("\n")}\n`;
}
