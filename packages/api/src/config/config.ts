/**
 * Reads the environment once into a frozen, typed, validated object. Nothing else in the
 * control plane reads `process.env`.
 */
import { configSchema, DEV_SECRETS, type RawConfig } from "./schema.ts";

export interface Config extends Readonly<Omit<RawConfig, "PUBLIC_URL" | "DATABASE_URL">> {
  readonly DATABASE_URL: string;
  /** Absolute base URL clients reach this API at (no trailing slash). */
  readonly PUBLIC_URL: string;
  readonly isProduction: boolean;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly problems: readonly string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
  }
}

const SECRET_KEYS = ["JWT_SECRET", "ENCRYPTION_KEY", "NODE_SECRET_PEPPER"] as const;
const WEAK_MARKERS = ["example", "changeme", "change-me", "secret", "password", "dev-only"];
const MIN_SECRET_LENGTH = 32;

/** Production must not run on a default, short or example secret. */
function weakSecretProblems(raw: RawConfig): string[] {
  const problems: string[] = [];
  for (const key of SECRET_KEYS) {
    const value = raw[key];
    const lower = value.toLowerCase();
    if (value === DEV_SECRETS[key])
      problems.push(`${key}: must be set in production (it is the development default)`);
    else if (value.length < MIN_SECRET_LENGTH)
      problems.push(`${key}: must be at least ${MIN_SECRET_LENGTH} characters in production`);
    else if (WEAK_MARKERS.some((m) => lower.includes(m)))
      problems.push(`${key}: looks like an example value; generate a random one (openssl rand -base64 48)`);
  }
  if (!raw.ROUTE_TOKEN_PRIVATE_KEY || !raw.ROUTE_TOKEN_PUBLIC_KEY)
    problems.push("ROUTE_TOKEN_PRIVATE_KEY and ROUTE_TOKEN_PUBLIC_KEY: must be set in production");
  return problems;
}

/** Validates `env` and returns the frozen config, or throws a ConfigError naming each bad variable. */
export function loadConfig(input: Record<string, string | undefined>): Config {
  // An empty value (`WEB_URL=` copied from .env.example) means "not set", not "set to nothing".
  const env = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== ""));
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = issue.path.join(".");
        const value = env[key];
        return `${key}: ${issue.message}${value === undefined ? "" : ` (got "${value}")`}`;
      }),
    );
  }
  const raw = parsed.data;
  const isProduction = raw.NODE_ENV === "production";
  if (isProduction) {
    const problems = weakSecretProblems(raw);
    if (problems.length > 0) throw new ConfigError(problems);
  }
  const publicUrl = (raw.PUBLIC_URL ?? `http://${raw.HOST}:${raw.PORT}`).replace(/\/+$/, "");
  const databaseUrl = raw.DATABASE_URL ?? `sqlite:${raw.DATA_DIR.replace(/\/+$/, "")}/nevewatch.db`;
  return Object.freeze({ ...raw, PUBLIC_URL: publicUrl, DATABASE_URL: databaseUrl, isProduction });
}
