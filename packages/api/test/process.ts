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
export function probeCodecs(url: string, userAgent?: string): string {
  const result = Bun.spawnSync(
    [
      "ffprobe",
      ...(userAgent === undefined ? [] : ["-user_agent", userAgent]),
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

/** `start` prints its banner (with the demo logins) once the demo store is seeded. */
export async function waitForDemoBanner(api: ApiProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!api.logs.some((line) => line.includes("viewer@nevewatch.test"))) {
    if (api.proc.exitCode !== null || Date.now() > deadline)
      throw new Error(`no demo banner:\n${api.logs.join("\n")}`);
    await Bun.sleep(100);
  }
}

export interface CallInit {
  method?: string;
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Send `X-Store: demo` (default); platform admins sign in without a store. */
  store?: boolean;
}
export type DemoCall = (path: string, init?: CallInit) => Promise<{ status: number; body: any }>;

/** JSON calls to a running API at the demo store; an empty answer (204) has a null body. */
export function demoCaller(baseUrl: () => string): DemoCall {
  return async (path, init = {}) => {
    const headers: Record<string, string> = init.store === false ? {} : { "x-store": "demo" };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${baseUrl()}${path}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === "" ? null : JSON.parse(text) };
  };
}

/** Logs in (at the demo store unless `store` is false) and gives the access token. */
export async function demoLogin(
  call: DemoCall,
  email: string,
  password: string,
  options: { store?: boolean; device?: string } = {},
): Promise<string> {
  const body = { email, password, device: { name: options.device ?? "test", kind: "web" } };
  const result = await call("/v1/auth/login", { body, store: options.store ?? true });
  if (result.status !== 200)
    throw new Error(`login ${email}: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body.accessToken as string;
}

/**
 * The viewer asks for a route to one HLS and one MPEG-TS demo channel, and ffprobe reads each
 * through the URL it gets; `check` sees every route answer (to assert the node, say).
 */
export async function playDemoLiveChannels(
  call: DemoCall,
  token: string,
  check: (route: { status: number; body: any }, format: "hls" | "ts") => void = () => {},
): Promise<void> {
  const channels = (await call("/v1/me/catalog/items?type=live&limit=50", { token })).body.items as Array<{
    id: string;
    name: string;
  }>;
  const hls = channels.find((channel) => !channel.name.includes("MPEG-TS"));
  const ts = channels.find((channel) => channel.name.includes("MPEG-TS"));
  for (const [channel, format] of [
    [hls, "hls"],
    [ts, "ts"],
  ] as const) {
    if (!channel) throw new Error(`no ${format} demo channel among ${JSON.stringify(channels)}`);
    const route = await call(`/v1/streaming/node-route?streamId=${channel.id}&streamType=live`, { token });
    if (route.status !== 200 || route.body.format !== format)
      throw new Error(`route to ${channel.name}: ${route.status} ${JSON.stringify(route.body)}`);
    check(route, format);
    const codecs = probeCodecs(route.body.url);
    if (codecs !== "aac,h264") throw new Error(`ffprobe read "${codecs}" from ${channel.name} (${format})`);
  }
}
