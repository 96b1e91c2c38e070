import { readFileSync } from "node:fs";

/**
 * What each measured child prints on its last stdout line: its own timing and its peak RSS,
 * read from the kernel (VmHWM) and from the runtime (maxRSS), in MiB.
 */
export interface ChildReport {
  ms: number;
  /** User + system CPU time: steadier than wall time on a shared machine. */
  cpuMs: number;
  count: number;
  peakRssMiB: number;
  maxRssMiB: number;
  extra?: Record<string, number>;
}

export function report(startedAt: number, count: number, extra?: Record<string, number>): void {
  const cpu = process.cpuUsage();
  const status = readFileSync("/proc/self/status", "utf8");
  const hwmKb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
  const result: ChildReport = {
    ms: performance.now() - startedAt,
    cpuMs: (cpu.user + cpu.system) / 1000,
    count,
    peakRssMiB: hwmKb / 1024,
    // Linux reports maxRSS in KiB.
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  if (extra !== undefined) result.extra = extra;
  console.log(JSON.stringify(result));
}
