/**
 * What every module receives: configuration, logging, the storage and cache ports, metrics
 * and the realtime hub. Modules never construct adapters themselves.
 */
import type { Jobs } from "./background.ts";
import type { Config } from "./config/config.ts";
import type { DocumentStore } from "./db/port.ts";
import type { Cache } from "./kv/port.ts";
import type { Logger } from "./log/logger.ts";
import type { Metrics } from "./metrics/registry.ts";
import type { Realtime } from "./realtime/hub.ts";

export interface AppContext {
  readonly config: Config;
  readonly log: Logger;
  readonly store: DocumentStore;
  readonly cache: Cache;
  readonly metrics: Metrics;
  readonly realtime: Realtime;
  /** Durable jobs: enqueue work, register handlers and schedules. */
  readonly jobs: Jobs;
}
