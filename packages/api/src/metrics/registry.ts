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

export function createMetrics(): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "nevewatch-api" });
  collectDefaultMetrics({ register: registry });
  const http = new HttpMetrics();
  http.register(registry);
  return { registry, http };
}
