/**
 * Starts the real API as a child process (`main.ts serve` on a fresh data directory and a free
 * port) and reads its URL from the `api listening` log line. Used by the generator, the drift
 * check and the SDK's own tests, so all three see exactly the spec the API serves.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(import.meta.dir, "../../..");

export interface ServedApi {
  readonly url: string;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** `serve` (empty store) or `start` (seeds the demo data once it exists). */
  command?: "serve" | "start";
  env?: Record<string, string>;
  timeoutMs?: number;
}

export async function startServedApi(options: ServeOptions = {}): Promise<ServedApi> {
  const dataDir = mkdtempSync(join(tmpdir(), "nevewatch-sdk-"));
  // A known port rather than 0, so PUBLIC_URL names the real address: the API fetches its own
  // demo origin there, and outbound fetches to private addresses are refused unless they are its own.
  const port = freePort();
  const child = Bun.spawn(["bun", "packages/api/src/main.ts", options.command ?? "serve"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "info",
      ...options.env,
    },
    stdout: "pipe",
    stderr: "pipe",
  });
  const stop = async () => {
    child.kill("SIGTERM");
    await child.exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await readListeningUrl(child.stdout, options.timeoutMs ?? 30_000);
    return { url, stop };
  } catch (error) {
    child.kill("SIGKILL");
    const stderr = await new Response(child.stderr).text();
    await child.exited;
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`The API did not start: ${(error as Error).message}\n${stderr.slice(-2000)}`);
  }
}

function freePort(): number {
  const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
  const chosen = probe.port ?? 0;
  probe.stop(true);
  return chosen;
}

async function readListeningUrl(stdout: ReadableStream<Uint8Array>, timeoutMs: number): Promise<string> {
  const reader = stdout.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  const deadline = Date.now() + timeoutMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no "api listening" line within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    while (Date.now() < deadline) {
      const { value, done } = await Promise.race([reader.read(), timeout]);
      if (done) throw new Error("the API exited before listening");
      buffered += decoder.decode(value, { stream: true });
      for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const url = listeningUrl(line);
        if (url) {
          drain(reader);
          return url;
        }
      }
    }
    throw new Error("timed out");
  } finally {
    clearTimeout(timer);
  }
}

function listeningUrl(line: string): string | null {
  if (!line.includes("api listening")) return null;
  try {
    const entry = JSON.parse(line) as { url?: unknown };
    return typeof entry.url === "string" ? entry.url : null;
  } catch {
    return null;
  }
}

/** Keeps reading so a chatty child never blocks on a full pipe. */
function drain(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  const pump = (): Promise<void> => reader.read().then((r) => (r.done ? undefined : pump()));
  pump().catch(() => undefined);
}

/** Fetches the OpenAPI document the API serves. */
export async function fetchServedSpec(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/openapi/json`);
  if (!response.ok) throw new Error(`GET /openapi/json answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}
