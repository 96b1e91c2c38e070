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
  DATABASE_URL: z.string().min(1).default("sqlite:./data/nevewatch.db"),
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
  JOBS_ENABLED: bool.default(true),
  JOBS_POLL_MS: z.coerce.number().int().min(50).default(1000),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("NeveWatch <no-reply@localhost>"),
  WEB_URL: z.url().optional(),
});

export type RawConfig = z.infer<typeof configSchema>;
