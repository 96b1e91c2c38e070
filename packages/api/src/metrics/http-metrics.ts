/**
 * HTTP request metrics kept as plain numbers per (method, route, status) series and turned
 * into Prometheus samples only when scraped: recording a request is a map lookup and a few
 * additions, which measured cheaper on the hot path than prom-client's labelled observe.
 */
import type { Registry } from "prom-client";

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

interface Series {
  labels: { method: string; route: string; status: string };
  count: number;
  sum: number;
  /** Cumulative-at-scrape counts per bucket (stored per bucket, summed when read). */
  buckets: Float64Array;
}

interface Sample {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

export class HttpMetrics {
  readonly #series = new Map<string, Series>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let series = this.#series.get(key);
    if (!series) {
      series = {
        labels: { method, route, status: String(status) },
        count: 0,
        sum: 0,
        buckets: new Float64Array(BUCKETS.length),
      };
      this.#series.set(key, series);
    }
    series.count++;
    series.sum += seconds;
    for (let i = 0; i < BUCKETS.length; i++) {
      if (seconds <= (BUCKETS[i] as number)) {
        series.buckets[i] = (series.buckets[i] ?? 0) + 1;
        break;
      }
    }
  }

  /** Requests counted for one series (for tests and diagnostics). */
  count(method: string, route: string, status: number): number {
    return this.#series.get(`${method} ${status} ${route}`)?.count ?? 0;
  }

  #requests(): Sample[] {
    return [...this.#series.values()].map((s) => ({ labels: s.labels, value: s.count }));
  }

  #durations(name: string): Sample[] {
    const samples: Sample[] = [];
    for (const s of this.#series.values()) {
      let cumulative = 0;
      BUCKETS.forEach((le, i) => {
        cumulative += s.buckets[i] ?? 0;
        samples.push({ metricName: `${name}_bucket`, labels: { ...s.labels, le }, value: cumulative });
      });
      samples.push({ metricName: `${name}_bucket`, labels: { ...s.labels, le: "+Inf" }, value: s.count });
      samples.push({ metricName: `${name}_sum`, labels: s.labels, value: s.sum });
      samples.push({ metricName: `${name}_count`, labels: s.labels, value: s.count });
    }
    return samples;
  }

  /** Adds `http_requests_total` and `http_request_duration_seconds` to a prom-client registry. */
  register(registry: Registry): void {
    const metric = (name: string, help: string, type: "counter" | "histogram", values: () => Sample[]) => ({
      name,
      help,
      type,
      aggregator: "sum",
      get: async () => ({ name, help, type, aggregator: "sum", values: values() }),
      reset: () => this.#series.clear(),
    });
    const requests = "http_requests_total";
    const durations = "http_request_duration_seconds";
    registry.registerMetric(
      metric(requests, "HTTP requests by method, route template and status", "counter", () =>
        this.#requests(),
      ) as never,
    );
    registry.registerMetric(
      metric(durations, "HTTP request duration by method, route template and status", "histogram", () =>
        this.#durations(durations),
      ) as never,
    );
  }
}
