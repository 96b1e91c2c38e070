/**
 * Starts a server as a child process and waits for the JSON line carrying its `url`.
 */
import type { Subprocess } from "bun";

export interface Child {
  url: string;
  proc: Subprocess;
  stop(): Promise<void>;
}

export async function spawnServer(
  cmd: string[],
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<Child> {
  const proc = Bun.spawn(cmd, {
    env: { ...process.env, ...env },
    stdout: "pipe",
    stderr: "inherit",
  });
  const decoder = new TextDecoder();
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  const reader = proc.stdout.getReader();
  while (Date.now() < deadline) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const line = buffer.split("\n").find((l) => l.includes('"url"'));
    if (line) {
      const url = (JSON.parse(line) as { url: string }).url;
      // Keep draining stdout so the child never blocks on a full pipe.
      void (async () => {
        for (;;) if ((await reader.read()).done) break;
      })();
      return {
        url,
        proc,
        async stop() {
          proc.kill("SIGTERM");
          await proc.exited;
        },
      };
    }
  }
  proc.kill("SIGKILL");
  throw new Error(`${cmd.join(" ")} did not print its url in time`);
}
