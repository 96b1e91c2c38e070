/**
 * Prometheus metrics. One registry per API instance; modules add their own collectors to
 * `metrics.registry` (prom-client) and the `/metrics` route serves them all. HTTP request
 * metrics are recorded by the request pipeline through `metrics.http`.
 */
import { collectDefaultMetrics, Registry } from "prom-client";
import { HttpMetrics } from "./http-metrics.ts";

export interface Metrics {
  readonly registry: Registry;
  readonly http: HttpMetrics;
}

/**
 * prom-client's default metrics include `nodejs_active_{handles,requests,resources}_total`:
 * gauges named like counters, which Prometheus' naming rules (and `promtool check metrics`)
 * refuse. Each is the sum of the same family without the suffix (`sum(nodejs_active_handles)`),
 * so they are left out.
 */
const MISNAMED_DEFAULTS = [
  "nodejs_active_handles_total",
  "nodejs_active_requests_total",
  "nodejs_active_resources_total",
] as const;

export function createMetrics(): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "nevewatch-api" });
  collectDefaultMetrics({ register: registry });
  for (const name of MISNAMED_DEFAULTS) registry.removeSingleMetric(name);
  const http = new HttpMetrics();
  http.register(registry);
  return { registry, http };
}
