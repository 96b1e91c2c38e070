import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { ConfigError, loadConfig } from "./config.ts";
import { configSchema } from "./schema.ts";

const strong = {
  JWT_SECRET: "k3J9vQ2mX8pL5nR7tW1yZ4bC6dF0gH2jK5mN8qS1uV4x",
  ENCRYPTION_KEY: "Q2h4bW9wZ3Fyc3R1dnd4eXphYmNkZWZnaGlqa2xtbm9w",
  NODE_SECRET_PEPPER: "pP9oO8iI7uU6yY5tT4rR3eE2wW1qQ0aAsSdDfFgGhH",
  ROUTE_TOKEN_PRIVATE_KEY: "x",
  ROUTE_TOKEN_PUBLIC_KEY: "y",
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  test("gives working development defaults from an empty environment", () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_URL).toBe("sqlite:./data/nevewatch.db");
    expect(config.PUBLIC_URL).toBe("http://127.0.0.1:8080");
    expect(Object.isFrozen(config)).toBe(true);
  });

  test("treats empty values as unset, so .env.example copied as is works", () => {
    const config = loadConfig({ WEB_URL: "", PORT: "", JWT_SECRET: "" });
    expect(config.PORT).toBe(8080);
    expect(config.WEB_URL).toBeUndefined();
  });

  test("documents every variable in .env.example", async () => {
    const example = await Bun.file(join(import.meta.dir, "..", "..", "..", "..", ".env.example")).text();
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect(Object.keys(configSchema.shape).filter((name) => !documented.has(name))).toEqual([]);
  });

  test("names each bad variable and the value it got", () => {
    const problems = problemsOf({ PORT: "70000", LOG_LEVEL: "loud", EMBEDDED_EDGE: "maybe" });
    expect(problems.some((p) => p.startsWith("PORT:") && p.includes('"70000"'))).toBe(true);
    expect(problems.some((p) => p.startsWith("LOG_LEVEL:"))).toBe(true);
    expect(problems.some((p) => p.startsWith("EMBEDDED_EDGE:"))).toBe(true);
  });

  test("refuses production with the development default secret", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    expect(problems.some((p) => p.startsWith("JWT_SECRET:"))).toBe(true);
    expect(problems.some((p) => p.startsWith("ROUTE_TOKEN_PRIVATE_KEY"))).toBe(true);
  });

  test("refuses production with a short secret", () => {
    const problems = problemsOf({ ...strong, NODE_ENV: "production", JWT_SECRET: "short-but-random" });
    expect(problems).toEqual(["JWT_SECRET: must be at least 32 characters in production"]);
  });

  test("refuses production with an example-looking secret", () => {
    const problems = problemsOf({
      ...strong,
      NODE_ENV: "production",
      JWT_SECRET: "example-jwt-value-for-docs-only-0123456789",
    });
    expect(problems[0]).toStartWith("JWT_SECRET: looks like an example value");
  });

  test("starts production with strong secrets", () => {
    expect(loadConfig({ ...strong, NODE_ENV: "production" }).isProduction).toBe(true);
  });
});
