/**
 * Reads the environment once into a frozen, typed, validated object. Nothing else in the
 * control plane reads `process.env`.
 */
import { configSchema, type RawConfig } from "./schema.ts";
import { SECRET_FIX } from "./secret-checks.ts";

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

/** Variables whose values never appear in a message: secrets, and URLs that may carry passwords. */
const SECRETS: ReadonlySet<string> = new Set([
  ...Object.keys(SECRET_FIX),
  "DATABASE_URL",
  "CACHE_URL",
  "SMTP_URL",
]);

export interface ConfigIssue {
  variable: string;
  message: string;
}

/** An empty value (`WEB_URL=` copied from .env.example) means "not set", not "set to nothing". */
function withoutEmpty(input: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(input).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "",
    ),
  );
}

function parse(env: Record<string, string>) {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return { raw: parsed.data, issues: [] as ConfigIssue[] };
  const issues = parsed.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? "");
    const value = env[variable];
    const shown = value === undefined || SECRETS.has(variable) ? "" : ` (got "${value}")`;
    return { variable, message: `${issue.message}${shown}` };
  });
  return { raw: undefined, issues };
}

export interface VariableVerdict {
  variable: string;
  /** Set in the environment, or left to its default. */
  set: boolean;
  problems: string[];
}

/** Every variable of the schema with what is wrong with it (nothing, for most): `config check`. */
export function checkConfig(input: Record<string, string | undefined>): VariableVerdict[] {
  const env = withoutEmpty(input);
  const { issues } = parse(env);
  return Object.keys(configSchema.shape).map((variable) => ({
    variable,
    set: env[variable] !== undefined,
    problems: issues.filter((i) => i.variable === variable).map((i) => i.message),
  }));
}

/** Validates `env` and returns the frozen config, or throws a ConfigError naming each bad variable. */
export function loadConfig(input: Record<string, string | undefined>): Config {
  const { raw, issues } = parse(withoutEmpty(input));
  if (raw === undefined) throw new ConfigError(issues.map((i) => `${i.variable}: ${i.message}`));
  const isProduction = raw.NODE_ENV === "production";
  const publicUrl = (raw.PUBLIC_URL ?? `http://${raw.HOST}:${raw.PORT}`).replace(/\/+$/, "");
  const databaseUrl = raw.DATABASE_URL ?? `sqlite:${raw.DATA_DIR.replace(/\/+$/, "")}/nevewatch.db`;
  return Object.freeze({ ...raw, PUBLIC_URL: publicUrl, DATABASE_URL: databaseUrl, isProduction });
}
