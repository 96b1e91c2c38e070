/**
 * Load generation with wrk (Debian package `wrk`), a separate C process so the generator does
 * not share the measured server's process. Parses requests/s and latency percentiles.
 */

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

function toMs(value: string): number {
  const match = value.match(/^([\d.]+)(us|ms|s|m)$/);
  if (!match) return Number.NaN;
  const n = Number(match[1]);
  return match[2] === "us" ? n / 1000 : match[2] === "ms" ? n : match[2] === "s" ? n * 1000 : n * 60_000;
}

const hasWrk = (): boolean => Bun.spawnSync(["sh", "-c", "command -v wrk"]).exitCode === 0;

/** wrk, installed from Debian's packages when missing and possible (root with apt-get), as `npm test` does. */
export function requireWrk(): void {
  if (hasWrk()) return;
  if (process.getuid?.() === 0 && Bun.which("apt-get")) {
    console.log("wrk is missing; installing it with apt-get");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const install = () =>
      Bun.spawnSync(["apt-get", "install", "-y", "--no-install-recommends", "wrk"], {
        env,
        stdio: ["ignore", "ignore", "inherit"],
      });
    if (install().exitCode !== 0) {
      Bun.spawnSync(["apt-get", "update"], { env, stdio: ["ignore", "ignore", "inherit"] });
      install();
    }
  }
  if (!hasWrk()) throw new Error("wrk is not installed: apt-get install -y wrk");
}

export async function wrk(
  url: string,
  options: { connections: number; seconds: number; threads?: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const headerArgs = Object.entries(options.headers ?? {}).flatMap(([k, v]) => ["-H", `${k}: ${v}`]);
  const proc = Bun.spawn(
    [
      "wrk",
      "--latency",
      "-t",
      String(options.threads ?? 1),
      "-c",
      String(options.connections),
      "-d",
      `${options.seconds}s`,
      ...headerArgs,
      url,
    ],
    { stdout: "pipe", stderr: "pipe" },
  );
  const out = await new Response(proc.stdout).text();
  await proc.exited;
  const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? Number.NaN);
  const p50 = toMs(out.match(/\s50%\s+(\S+)/)?.[1] ?? "");
  const p99 = toMs(out.match(/\s99%\s+(\S+)/)?.[1] ?? "");
  const non2xx = Number(out.match(/Non-2xx or 3xx responses:\s+(\d+)/)?.[1] ?? 0);
  const socketErrors = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  return { rps, p50Ms: p50, p99Ms: p99, errors };
}
