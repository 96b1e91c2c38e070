/**
 * Starts the API as a real child process (source or compiled binary) and waits for its
 * "api listening" log line, so tests can talk HTTP to it and kill it like an operator would.
 */
import type { Subprocess } from "bun";

export interface ApiProcess {
  readonly proc: Subprocess<"ignore", "pipe", "pipe">;
  readonly url: string;
  readonly logs: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startApi(
  cmd: string[],
  env: Record<string, string>,
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<ApiProcess> {
  const proc = Bun.spawn(cmd, {
    cwd: options.cwd ?? process.cwd(),
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      PORT: "0",
      LOG_LEVEL: "info",
      ...env,
    },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const logs: string[] = [];
  let resolveUrl: (url: string) => void = () => {};
  const urlPromise = new Promise<string>((resolve) => {
    resolveUrl = resolve;
  });
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    let rest = "";
    for await (const chunk of stream) {
      rest += decoder.decode(chunk, { stream: true });
      const lines = rest.split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        logs.push(line);
        if (line.includes('"api listening"')) resolveUrl((JSON.parse(line) as { url: string }).url);
      }
    }
  };
  void pump(proc.stdout);
  void pump(proc.stderr);
  const timeoutMs = options.timeoutMs ?? 20_000;
  const timeout = Bun.sleep(timeoutMs).then(() => null);
  const exited = proc.exited.then(() => null);
  const url = await Promise.race([urlPromise, timeout, exited]);
  if (!url) {
    proc.kill("SIGKILL");
    throw new Error(`API did not start within ${timeoutMs} ms:\n${logs.join("\n")}`);
  }
  return {
    proc,
    url,
    logs,
    async kill(signal = "SIGTERM") {
      proc.kill(signal);
      await proc.exited;
    },
  };
}

/** A loopback port that was free a moment ago (for servers that must know their URL up front). */
export function freePort(): number {
  const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
  const chosen = probe.port ?? 0;
  probe.stop(true);
  return chosen;
}

/** The distinct codecs ffprobe finds at a URL, sorted and comma-joined ("" when it reads nothing). */
export function probeCodecs(url: string): string {
  const result = Bun.spawnSync(
    [
      "ffprobe",
      "-v",
      "error",
      "-rw_timeout",
      "10000000",
      "-show_entries",
      "stream=codec_name",
      "-of",
      "csv=p=0",
      url,
    ],
    { timeout: 30_000 },
  );
  const codecs = new Set(
    result.stdout
      .toString()
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
  );
  return [...codecs].sort().join(",");
}
