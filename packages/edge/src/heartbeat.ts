/**
 * The node's heartbeat: every few seconds, tell the API what this edge carries (sessions,
 * channels, load) and apply what it answers (drain, revoked sessions). While the API is
 * unreachable the edge keeps serving what it has and retries with backoff.
 */
import { cpus } from "node:os";
import type { ApiClient } from "./api-client.ts";
import type { HeartbeatRequest } from "./api-contract.ts";
import { errorFields, type Logger } from "./logger.ts";
import type { Edge } from "./server/create-edge.ts";

export interface HeartbeatOptions {
  edge: Edge;
  api: Pick<ApiClient, "heartbeat">;
  intervalMs: number;
  /** Longest wait between attempts while the API fails. */
  maxBackoffMs?: number;
  logger: Logger;
  /** Called once when the API asks this node to drain. */
  onDrain: () => void;
}

export interface Heartbeat {
  /** Sends a beat now (also used for the last beat while draining). */
  beat(): Promise<boolean>;
  stop(): void;
  readonly consecutiveFailures: number;
}

export function startHeartbeat(options: HeartbeatOptions): Heartbeat {
  const cores = Math.max(1, cpus().length);
  let lastAt = performance.now();
  let lastCpu = process.cpuUsage();
  let lastBytesOut = options.edge.stats().bytesOut;
  let failures = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let drainAsked = false;

  function measure(): HeartbeatRequest {
    const stats = options.edge.stats();
    const now = performance.now();
    const cpu = process.cpuUsage();
    const wallUs = Math.max(1, (now - lastAt) * 1000);
    const cpuUs = cpu.user - lastCpu.user + (cpu.system - lastCpu.system);
    const egressBps = ((stats.bytesOut - lastBytesOut) * 8 * 1000) / Math.max(1, now - lastAt);
    lastAt = now;
    lastCpu = cpu;
    lastBytesOut = stats.bytesOut;
    return {
      nodeId: stats.nodeId,
      version: stats.version,
      cpuPercent: Math.round((cpuUs / wallUs / cores) * 1000) / 10,
      memoryBytes: process.memoryUsage().rss,
      sessions: stats.sessionList,
      channels: stats.channels,
      upstreams: stats.upstreams,
      egressBps: Math.round(egressBps),
      droppedViewers: stats.droppedViewers,
      failovers: stats.failovers,
      draining: stats.draining,
    };
  }

  async function beat(): Promise<boolean> {
    try {
      const answer = await options.api.heartbeat(measure());
      if (failures > 0) options.logger.info({ after: failures }, "API reachable again");
      failures = 0;
      if (answer.revokedSessions.length > 0) {
        options.logger.info({ sids: answer.revokedSessions }, "API revoked sessions");
        options.edge.revoke(answer.revokedSessions);
      }
      if (answer.drain && !drainAsked) {
        drainAsked = true;
        options.onDrain();
      }
      return true;
    } catch (error) {
      failures += 1;
      options.logger.warn({ failures, ...errorFields(error) }, "heartbeat failed; serving existing sessions");
      return false;
    }
  }

  function schedule(): void {
    if (stopped) return;
    const backoff = Math.min(options.maxBackoffMs ?? 60_000, options.intervalMs * 2 ** Math.min(failures, 6));
    timer = setTimeout(
      () => {
        beat()
          .catch(() => false)
          .finally(schedule);
      },
      failures === 0 ? options.intervalMs : backoff,
    );
  }

  schedule();
  return {
    beat,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    get consecutiveFailures() {
      return failures;
    },
  };
}
