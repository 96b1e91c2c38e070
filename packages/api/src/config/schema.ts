/**
 * The environment contract of the control plane: every variable, its default and its
 * validation. `.env.example` documents the same list for operators.
 *
 * Keys are checked for what they must be in every environment (encoding, length, type, the
 * route key pair belonging together), and in production also for strength (no development
 * default, no example value, nothing guessable), so a bad key stops the start with a message
 * naming the variable and the command that makes a good one, instead of a 500 on first use.
 */
import { routeKeysMatch, routePrivateKeyProblem, routePublicKeyProblem } from "@nevewatch/edge";
import { z } from "zod";
import {
  codePoints,
  decodeEncryptionKey,
  MIN_SECRET_LENGTH,
  predictability,
  SECRET_FIX,
  type SecretName,
} from "./secret-checks.ts";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const port = z.coerce.number().int().min(0).max(65535);

/** A string checked by `problem`; its issue names the fix. */
function checked(name: SecretName, problem: (value: string) => string | undefined) {
  return z.string().superRefine((value, check) => {
    const found = problem(value);
    if (found !== undefined) check.addIssue({ code: "custom", message: `${found}; ${SECRET_FIX[name]}` });
  });
}

/** A symmetric secret used as text: long enough to carry 256 bits. */
function secretText(name: "JWT_SECRET" | "NODE_SECRET_PEPPER") {
  return checked(name, (value) =>
    value.length < MIN_SECRET_LENGTH ? `must be at least ${MIN_SECRET_LENGTH} characters` : undefined,
  );
}

function encryptionKeyProblem(value: string): string | undefined {
  const key = decodeEncryptionKey(value);
  return typeof key === "string" ? key : undefined;
}

function previousKeysProblem(value: string): string | undefined {
  const entries = value.split(",").map((entry) => entry.trim());
  for (const [index, entry] of entries.entries()) {
    if (entry === "" && entries.length > 1) return `entry ${index + 1} is empty`;
    const key = entry === "" ? undefined : decodeEncryptionKey(entry);
    if (typeof key === "string") return `entry ${index + 1} ${key}`;
  }
  return undefined;
}

/** Development defaults. Production refuses to start while any secret still equals one of these. */
export const DEV_SECRETS = {
  JWT_SECRET: "dev-only-jwt-secret-change-me-0000000000000000",
  ENCRYPTION_KEY: "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=",
  NODE_SECRET_PEPPER: "dev-only-node-pepper-change-me-000000000000000",
} as const;

const variables = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: port.default(8080),
  PUBLIC_URL: z.url().optional(),
  PLATFORM_DOMAIN: z.string().min(1).default("localhost"),
  /** Default: `sqlite:<DATA_DIR>/nevewatch.db`. */
  DATABASE_URL: z.string().min(1).optional(),
  CACHE_URL: z.string().min(1).default("memory:"),
  DATA_DIR: z.string().min(1).default("./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  JWT_SECRET: secretText("JWT_SECRET").default(DEV_SECRETS.JWT_SECRET),
  ENCRYPTION_KEY: checked("ENCRYPTION_KEY", encryptionKeyProblem).default(DEV_SECRETS.ENCRYPTION_KEY),
  /** Earlier ENCRYPTION_KEY values (comma-separated) still accepted for decryption after a rotation. */
  ENCRYPTION_KEYS_PREVIOUS: checked("ENCRYPTION_KEYS_PREVIOUS", previousKeysProblem).optional(),
  NODE_SECRET_PEPPER: secretText("NODE_SECRET_PEPPER").default(DEV_SECRETS.NODE_SECRET_PEPPER),
  ACCESS_TOKEN_TTL_SEC: z.coerce.number().int().min(30).max(86400).default(900),
  REFRESH_TOKEN_TTL_SEC: z.coerce
    .number()
    .int()
    .min(300)
    .default(30 * 86400),
  /** Ed25519 pair signing route tokens; development keeps a generated one under DATA_DIR instead. */
  ROUTE_TOKEN_PRIVATE_KEY: checked("ROUTE_TOKEN_PRIVATE_KEY", routePrivateKeyProblem).optional(),
  ROUTE_TOKEN_PUBLIC_KEY: checked("ROUTE_TOKEN_PUBLIC_KEY", routePublicKeyProblem).optional(),
  ROUTE_TOKEN_TTL_SEC: z.coerce.number().int().min(10).max(3600).default(60),
  EMBEDDED_EDGE: bool.default(true),
  DEMO_ORIGIN: bool.default(true),
  /** A folder of demo media to serve instead of the fixtures embedded in the code (and in the binary). */
  DEMO_FIXTURES_DIR: z.string().min(1).optional(),
  JOBS_ENABLED: bool.default(true),
  JOBS_POLL_MS: z.coerce.number().int().min(50).default(1000),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("NeveWatch <no-reply@localhost>"),
  WEB_URL: z.url().optional(),
  /** Lets anyone sign up as a store owner and create a store (otherwise only platform admins create stores). */
  ALLOW_STORE_SIGNUP: bool.default(false),
  /** Read the client address from `X-Forwarded-For` (only behind a proxy that sets it; loopback peers always are). */
  TRUST_PROXY: bool.default(false),
  /** Argon2id cost of password hashes (memory in KiB, iterations). */
  PASSWORD_MEMORY_KIB: z.coerce.number().int().min(1024).default(65536),
  PASSWORD_TIME_COST: z.coerce.number().int().min(1).max(10).default(2),
  /** Requests per minute per client address on auth routes (login, register, reset…). */
  RATE_LIMIT_AUTH_PER_MIN: z.coerce.number().int().min(1).default(30),
  /** Requests per minute per caller on the rest of the API. */
  RATE_LIMIT_API_PER_MIN: z.coerce.number().int().min(1).default(600),
  /** Failed logins tolerated per account before the progressive lock-out starts. */
  LOGIN_FREE_FAILURES: z.coerce.number().int().min(0).default(5),
  /** Failed logins tolerated per client address before the progressive lock-out starts. */
  LOGIN_IP_FREE_FAILURES: z.coerce.number().int().min(0).default(50),
  /** Custom-domain verification fetches `<scheme>://<domain>[:port]/.well-known/nevewatch-verify`. */
  DOMAIN_VERIFY_SCHEME: z.enum(["http", "https"]).default("http"),
  DOMAIN_VERIFY_PORT: port.optional(),
  /** Connect to this host instead of the domain (the Host header still names the domain); for tests. */
  DOMAIN_VERIFY_CONNECT_HOST: z.string().min(1).optional(),
  /**
   * Let verification connect to loopback, private, link-local and other non-public addresses.
   * Off in production: a store owner could otherwise make the platform fetch internal services.
   */
  DOMAIN_VERIFY_ALLOW_PRIVATE: bool.default(false),
  DOMAIN_VERIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  /**
   * Let imports (provider playlists, Xtream panels, guides) and the embedded edge's stream fetches
   * reach loopback, private, link-local and other non-public addresses. Off by default: a store owner could otherwise
   * make the platform fetch internal services. The origin of PUBLIC_URL (the demo origin) is
   * always reachable.
   */
  OUTBOUND_ALLOW_PRIVATE: bool.default(false),
  /** How long a store resolved from a host or header stays cached. */
  TENANT_CACHE_TTL_MS: z.coerce.number().int().min(0).default(30000),
  EMAIL_TOKEN_TTL_SEC: z.coerce.number().int().min(60).default(86400),
  RESET_TOKEN_TTL_SEC: z.coerce.number().int().min(60).default(3600),
});

export const configSchema = variables.superRefine(routeKeyPairIssues).superRefine((raw, check) => {
  if (raw.NODE_ENV === "production") productionIssues(raw, check);
});

export type RawConfig = z.infer<typeof variables>;

type Check = z.core.$RefinementCtx<RawConfig>;

/** The route key pair: both halves or neither, and the two of one pair. */
function routeKeyPairIssues(raw: RawConfig, check: Check): void {
  const { ROUTE_TOKEN_PRIVATE_KEY: privateKey, ROUTE_TOKEN_PUBLIC_KEY: publicKey } = raw;
  if (privateKey === undefined && publicKey === undefined) return;
  if (privateKey === undefined || publicKey === undefined) {
    const [missing, given] =
      privateKey === undefined
        ? (["ROUTE_TOKEN_PRIVATE_KEY", "ROUTE_TOKEN_PUBLIC_KEY"] as const)
        : (["ROUTE_TOKEN_PUBLIC_KEY", "ROUTE_TOKEN_PRIVATE_KEY"] as const);
    issue(check, missing, `must be set together with ${given}`);
    return;
  }
  // A half that is broken on its own has its issue already.
  if (routePrivateKeyProblem(privateKey) !== undefined || routePublicKeyProblem(publicKey) !== undefined)
    return;
  if (!routeKeysMatch(privateKey, publicKey))
    issue(
      check,
      "ROUTE_TOKEN_PUBLIC_KEY",
      "is not the public half of ROUTE_TOKEN_PRIVATE_KEY (nodes would refuse every route token)",
    );
}

const WEAK_MARKERS = ["example", "changeme", "change-me", "secret", "password", "dev-only"];

/** Production runs on no default, example or guessable secret, and on configured route keys. */
function productionIssues(raw: RawConfig, check: Check): void {
  for (const name of ["JWT_SECRET", "NODE_SECRET_PEPPER"] as const) {
    const value = raw[name];
    if (value.length < MIN_SECRET_LENGTH) continue;
    const lower = value.toLowerCase();
    if (value === DEV_SECRETS[name])
      issue(check, name, "must be set in production (it is the development default)");
    else if (WEAK_MARKERS.some((marker) => lower.includes(marker)))
      issue(check, name, "looks like an example value");
    else {
      const weakness = predictability(codePoints(value));
      if (weakness) issue(check, name, `is too predictable for production: ${weakness}`);
    }
  }
  const key = decodeEncryptionKey(raw.ENCRYPTION_KEY);
  if (raw.ENCRYPTION_KEY === DEV_SECRETS.ENCRYPTION_KEY)
    issue(check, "ENCRYPTION_KEY", "must be set in production (it is the development default)");
  else if (typeof key !== "string") {
    const weakness = predictability([...key]);
    if (weakness)
      issue(check, "ENCRYPTION_KEY", `is too predictable for production: its bytes show ${weakness}`);
  }
  if (raw.ROUTE_TOKEN_PRIVATE_KEY === undefined && raw.ROUTE_TOKEN_PUBLIC_KEY === undefined)
    for (const name of ["ROUTE_TOKEN_PRIVATE_KEY", "ROUTE_TOKEN_PUBLIC_KEY"] as const)
      issue(
        check,
        name,
        "must be set in production, so every API process signs with the key every node knows",
      );
}

function issue(check: Check, name: SecretName, problem: string): void {
  check.addIssue({ code: "custom", path: [name], message: `${problem}; ${SECRET_FIX[name]}` });
}
