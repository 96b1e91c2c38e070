/**
 * The standalone node's environment contract: every variable, its default and its validation,
 * read once at boot into a frozen object. `.env.example` documents the same list for operators.
 * Nothing else in the edge reads `process.env`.
 */
import { z } from "zod";
import { routePublicKeyProblem } from "./route-key-check.ts";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const listen = z
  .string()
  .regex(/^[^\s:]+:\d{1,5}$/, 'must be "host:port"')
  .transform((value) => {
    const at = value.lastIndexOf(":");
    return { host: value.slice(0, at), port: Number(value.slice(at + 1)) };
  })
  .refine((value) => value.port <= 65535, "port must be at most 65535");

/** What to do about a bad route public key: the API holds the pair. */
const PUBLIC_KEY_FIX =
  "copy ROUTE_TOKEN_PUBLIC_KEY from the API's environment (`nevewatch-api keys generate` makes a new pair)";

const publicKey = z.string().superRefine((value, check) => {
  const problem = routePublicKeyProblem(value);
  if (problem !== undefined) check.addIssue({ code: "custom", message: `${problem}; ${PUBLIC_KEY_FIX}` });
});

export const envSchema = z.object({
  EDGE_API_URL: z.url().transform((value) => value.replace(/\/+$/, "")),
  EDGE_NODE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, "must be 1-64 of A-Z a-z 0-9 . _ -"),
  EDGE_NODE_CREDENTIAL: z.string().min(16).optional(),
  /** One-time secret, exchanged once (by `register`, or by `serve` when no credential is known). */
  EDGE_REGISTRATION_SECRET: z.string().min(16).optional(),
  /** Where `register` stores the credential and `serve` looks for it. */
  EDGE_CREDENTIAL_FILE: z.string().min(1).optional(),
  EDGE_ROUTE_PUBLIC_KEY: publicKey.optional(),
  EDGE_LISTEN: listen.default({ host: "127.0.0.1", port: 8081 }),
  EDGE_PUBLIC_URL: z.url().optional(),
  EDGE_PATH_PREFIX: z
    .string()
    .regex(/^(\/[A-Za-z0-9._-]+)*$/, 'must be empty or like "/edge"')
    .default(""),
  EDGE_CACHE_MB: int(1, 65_536).default(256),
  EDGE_VIEWER_QUEUE_KB: int(64, 1_048_576).default(2048),
  EDGE_RING_KB: int(64, 1_048_576).default(4096),
  EDGE_LINGER_MS: int(0, 600_000).default(5000),
  EDGE_STALL_TIMEOUT_MS: int(500, 120_000).default(5000),
  EDGE_SESSION_IDLE_MS: int(1000, 3_600_000).default(30_000),
  EDGE_SOURCES_TTL_MS: int(0, 3_600_000).default(30_000),
  EDGE_HEARTBEAT_MS: int(100, 300_000).default(5000),
  EDGE_DRAIN_TIMEOUT_MS: int(0, 3_600_000).default(30_000),
  EDGE_CLOCK_SKEW_SEC: int(0, 600).default(30),
  /** Idle timeout of viewer connections; also reaps sockets of clients that stopped reading. */
  EDGE_IDLE_TIMEOUT_SEC: int(1, 255).default(60),
  /**
   * The HTTP server in front of the edge. `bun` (Bun.serve) is the fastest; `node` (Bun's
   * node:http) also sends Content-Length on streamed VOD answers, which Bun.serve drops
   * (oven-sh/bun#10507), at roughly 40 % more CPU per delivered Mbit on live fan-out.
   */
  EDGE_HTTP_SERVER: z.enum(["bun", "node"]).default("bun"),
  /**
   * Let upstream fetches reach loopback, private, link-local and other non-public addresses.
   * Off by default: store owners supply the source URLs, and could otherwise make the node fetch
   * internal services. The origin of EDGE_API_URL (where the demo origin lives) is always reachable.
   */
  EDGE_OUTBOUND_ALLOW_PRIVATE: bool.default(false),
  EDGE_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

type Env = z.infer<typeof envSchema>;

export type Command = "serve" | "register";

export interface NodeConfig {
  command: Command;
  apiUrl: string;
  nodeId: string;
  credential: string | undefined;
  registrationSecret: string | undefined;
  credentialFile: string | undefined;
  routePublicKey: string;
  listen: { host: string; port: number };
  publicUrl: string;
  prefix: string;
  cacheMb: number;
  viewerQueueBytes: number;
  ringBytes: number;
  lingerMs: number;
  stallTimeoutMs: number;
  sessionIdleMs: number;
  sourcesTtlMs: number;
  heartbeatMs: number;
  drainTimeoutMs: number;
  clockSkewSec: number;
  idleTimeoutSec: number;
  httpServer: Env["EDGE_HTTP_SERVER"];
  outboundAllowPrivate: boolean;
  logLevel: Env["EDGE_LOG_LEVEL"];
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

function requireFor(env: Env, command: Command): string[] {
  const problems: string[] = [];
  if (command === "register" && env.EDGE_REGISTRATION_SECRET === undefined) {
    problems.push("EDGE_REGISTRATION_SECRET: is required to register");
  }
  if (command === "serve") {
    if (env.EDGE_ROUTE_PUBLIC_KEY === undefined) problems.push("EDGE_ROUTE_PUBLIC_KEY: is required to serve");
    const knowsCredential =
      env.EDGE_NODE_CREDENTIAL !== undefined ||
      env.EDGE_CREDENTIAL_FILE !== undefined ||
      env.EDGE_REGISTRATION_SECRET !== undefined;
    if (!knowsCredential) {
      problems.push(
        "EDGE_NODE_CREDENTIAL: is required to serve (or EDGE_CREDENTIAL_FILE / EDGE_REGISTRATION_SECRET)",
      );
    }
  }
  return problems;
}

/** Validates the environment once; throws a `ConfigError` that names every bad variable. */
export function loadConfig(
  source: Record<string, string | undefined>,
  command: Command,
): Readonly<NodeConfig> {
  const relevant = Object.fromEntries(
    Object.entries(source).filter(
      ([key, value]) => key.startsWith("EDGE_") && value !== undefined && value !== "",
    ),
  );
  const parsed = envSchema.safeParse(relevant);
  const problems = parsed.success
    ? requireFor(parsed.data, command)
    : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(`Invalid edge configuration:\n  ${problems.join("\n  ")}`);
  }
  const env = parsed.data;
  return Object.freeze({
    command,
    apiUrl: env.EDGE_API_URL,
    nodeId: env.EDGE_NODE_ID,
    credential: env.EDGE_NODE_CREDENTIAL,
    registrationSecret: env.EDGE_REGISTRATION_SECRET,
    credentialFile: env.EDGE_CREDENTIAL_FILE,
    routePublicKey: env.EDGE_ROUTE_PUBLIC_KEY ?? "",
    listen: Object.freeze(env.EDGE_LISTEN),
    publicUrl: (env.EDGE_PUBLIC_URL ?? `http://${env.EDGE_LISTEN.host}:${env.EDGE_LISTEN.port}`).replace(
      /\/+$/,
      "",
    ),
    prefix: env.EDGE_PATH_PREFIX,
    cacheMb: env.EDGE_CACHE_MB,
    viewerQueueBytes: env.EDGE_VIEWER_QUEUE_KB * 1024,
    ringBytes: env.EDGE_RING_KB * 1024,
    lingerMs: env.EDGE_LINGER_MS,
    stallTimeoutMs: env.EDGE_STALL_TIMEOUT_MS,
    sessionIdleMs: env.EDGE_SESSION_IDLE_MS,
    sourcesTtlMs: env.EDGE_SOURCES_TTL_MS,
    heartbeatMs: env.EDGE_HEARTBEAT_MS,
    drainTimeoutMs: env.EDGE_DRAIN_TIMEOUT_MS,
    clockSkewSec: env.EDGE_CLOCK_SKEW_SEC,
    idleTimeoutSec: env.EDGE_IDLE_TIMEOUT_SEC,
    httpServer: env.EDGE_HTTP_SERVER,
    outboundAllowPrivate: env.EDGE_OUTBOUND_ALLOW_PRIVATE,
    logLevel: env.EDGE_LOG_LEVEL,
  });
}
