/**
 * The environment contract of the control plane: every variable, its default and its
 * validation. `.env.example` documents the same list for operators.
 */
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const port = z.coerce.number().int().min(0).max(65535);

/** Development defaults. Production refuses to start while any secret still equals one of these. */
export const DEV_SECRETS = {
  JWT_SECRET: "dev-only-jwt-secret-change-me-0000000000000000",
  ENCRYPTION_KEY: "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=",
  NODE_SECRET_PEPPER: "dev-only-node-pepper-change-me-000000000000000",
} as const;

export const configSchema = z.object({
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
  JWT_SECRET: z.string().min(1).default(DEV_SECRETS.JWT_SECRET),
  ENCRYPTION_KEY: z.string().min(1).default(DEV_SECRETS.ENCRYPTION_KEY),
  /** Earlier ENCRYPTION_KEY values (comma-separated) still accepted for decryption after a rotation. */
  ENCRYPTION_KEYS_PREVIOUS: z.string().optional(),
  NODE_SECRET_PEPPER: z.string().min(1).default(DEV_SECRETS.NODE_SECRET_PEPPER),
  ACCESS_TOKEN_TTL_SEC: z.coerce.number().int().min(30).max(86400).default(900),
  REFRESH_TOKEN_TTL_SEC: z.coerce
    .number()
    .int()
    .min(300)
    .default(30 * 86400),
  ROUTE_TOKEN_PRIVATE_KEY: z.string().optional(),
  ROUTE_TOKEN_PUBLIC_KEY: z.string().optional(),
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

export type RawConfig = z.infer<typeof configSchema>;
