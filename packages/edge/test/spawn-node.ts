/** Starts an edge node process (source or compiled binary) and waits until it logs that it listens. */
import type { Subprocess } from "bun";

export interface NodeProcess {
  url: string;
  process: Subprocess<"ignore", "pipe", "pipe">;
  /** Every JSON log line the node printed so far. */
  logs: Record<string, unknown>[];
  /** Sends SIGTERM and resolves with the exit code (killing it after `ms`). */
  terminate(ms?: number): Promise<number>;
  /** Waits for the process to exit by itself (killing it after `ms`). */
  exited(ms?: number): Promise<number>;
}

export async function spawnNode(
  command: string[],
  env: Record<string, string>,
  cwd?: string,
): Promise<NodeProcess> {
  const child = Bun.spawn(command, {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    ...(cwd === undefined ? {} : { cwd }),
  });
  const logs: Record<string, unknown>[] = [];
  const listening = Promise.withResolvers<string>();
  const decoder = new TextDecoder();
  let pending = "";
  const pump = (async () => {
    for await (const chunk of child.stdout) {
      pending += decoder.decode(chunk, { stream: true });
      let newline = pending.indexOf("\n");
      while (newline !== -1) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        newline = pending.indexOf("\n");
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (entry.msg === "edge listening" && typeof entry.url === "string") listening.resolve(entry.url);
        } catch {
          // Not a log line.
        }
      }
    }
  })();
  const stderr = new Response(child.stderr).text();
  const timer = setTimeout(() => listening.reject(new Error("node did not start within 15 s")), 15_000);
  child.exited
    .then(async (code) => listening.reject(new Error(`node exited with ${code}: ${await stderr}`)))
    .catch(() => {});
  let url: string;
  try {
    url = await listening.promise;
  } finally {
    clearTimeout(timer);
  }
  async function exited(ms = 10_000): Promise<number> {
    const killer = setTimeout(() => child.kill("SIGKILL"), ms);
    const code = await child.exited;
    clearTimeout(killer);
    await pump.catch(() => {});
    return code;
  }
  return {
    url,
    process: child,
    logs,
    terminate(ms = 10_000) {
      child.kill("SIGTERM");
      return exited(ms);
    },
    exited,
  };
}
