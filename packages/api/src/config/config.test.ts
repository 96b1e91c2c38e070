import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { generateRouteKeyPair } from "@nevewatch/edge";
import { ConfigError, checkConfig, loadConfig } from "./config.ts";
import { configSchema } from "./schema.ts";

const routeKeys = await generateRouteKeyPair();
const otherKeys = await generateRouteKeyPair();

const strong = {
  JWT_SECRET: "k3J9vQ2mX8pL5nR7tW1yZ4bC6dF0gH2jK5mN8qS1uV4x",
  ENCRYPTION_KEY: "Zq8T2mV1xN4pR7sW0yB3cE6fH9jK2lM5nP8qS1tU4vA=",
  NODE_SECRET_PEPPER: "pP9oO8iI7uU6yY5tT4rR3eE2wW1qQ0aAsSdDfFgGhH",
  ROUTE_TOKEN_PRIVATE_KEY: routeKeys.privateKey,
  ROUTE_TOKEN_PUBLIC_KEY: routeKeys.publicKey,
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

  test("refuses a short secret in every environment", () => {
    for (const NODE_ENV of ["development", "production"]) {
      const problems = problemsOf({ ...strong, NODE_ENV, JWT_SECRET: "short-but-random" });
      expect(problems).toEqual([
        "JWT_SECRET: must be at least 32 characters; generate one with: openssl rand -base64 48",
      ]);
    }
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

describe("key material", () => {
  test("refuses an ENCRYPTION_KEY that decodes to 33 bytes, naming the fix and not the key", () => {
    // 44 base64 characters without padding: Buffer.from reads 33 bytes, AES-256 then fails on use.
    const key = "Q2h4bW9wZ3Fyc3R1dnd4eXphYmNkZWZnaGlqa2xtbm9w";
    for (const NODE_ENV of ["development", "production"]) {
      const problems = problemsOf({ ...strong, NODE_ENV, ENCRYPTION_KEY: key });
      expect(problems).toEqual([
        "ENCRYPTION_KEY: must decode to 32 bytes for AES-256, got 33; generate one with: openssl rand -base64 32",
      ]);
    }
  });

  test("refuses an ENCRYPTION_KEY that is not strict base64", () => {
    for (const key of [
      "not base64 at all!",
      `${strong.ENCRYPTION_KEY}==`,
      "Zq8T2mV1xN4pR7sW0yB3cE6fH9jK2lM5nP8qS1tU4vB=",
    ]) {
      const [problem] = problemsOf({ ...strong, ENCRYPTION_KEY: key });
      expect(problem).toStartWith("ENCRYPTION_KEY: ");
      expect(problem).toEndWith("generate one with: openssl rand -base64 32");
    }
  });

  test("refuses a bad entry of ENCRYPTION_KEYS_PREVIOUS by its position", () => {
    const problems = problemsOf({ ...strong, ENCRYPTION_KEYS_PREVIOUS: `${strong.ENCRYPTION_KEY},short` });
    expect(problems).toEqual([
      "ENCRYPTION_KEYS_PREVIOUS: entry 2 must be standard base64 (A-Z a-z 0-9 + /, = padding); list the earlier ENCRYPTION_KEY values exactly as they were set",
    ]);
  });

  test("refuses route keys that are no Ed25519 keys, in every environment", () => {
    for (const NODE_ENV of ["development", "production"]) {
      const problems = problemsOf({
        ...strong,
        NODE_ENV,
        ROUTE_TOKEN_PRIVATE_KEY: "x",
        ROUTE_TOKEN_PUBLIC_KEY: "y",
      });
      expect(problems).toEqual([
        "ROUTE_TOKEN_PRIVATE_KEY: must be base64url of an Ed25519 PKCS#8 private key or an OKP JWK; generate a pair with: nevewatch-api keys generate",
        "ROUTE_TOKEN_PUBLIC_KEY: must be base64url of a raw 32-byte Ed25519 public key or an OKP JWK; generate a pair with: nevewatch-api keys generate",
      ]);
    }
  });

  test("refuses route keys of two different pairs, or one half alone", () => {
    expect(problemsOf({ ...strong, ROUTE_TOKEN_PUBLIC_KEY: otherKeys.publicKey })).toEqual([
      "ROUTE_TOKEN_PUBLIC_KEY: is not the public half of ROUTE_TOKEN_PRIVATE_KEY (nodes would refuse every route token); generate a pair with: nevewatch-api keys generate",
    ]);
    expect(problemsOf({ ROUTE_TOKEN_PRIVATE_KEY: routeKeys.privateKey })).toEqual([
      "ROUTE_TOKEN_PUBLIC_KEY: must be set together with ROUTE_TOKEN_PRIVATE_KEY; generate a pair with: nevewatch-api keys generate",
    ]);
  });

  test("refuses in production a JWT secret or pepper of 36 repeated characters, or of a tiny alphabet", () => {
    for (const name of ["JWT_SECRET", "NODE_SECRET_PEPPER"]) {
      for (const [value, why] of [
        ["a".repeat(36), "one pattern of 1 symbol repeated"],
        ["Ab3".repeat(12), "one pattern of 3 symbols repeated"],
        ["abbaabababbbaabaabbbabaabbaabbbaabab", "only 2 different symbols"],
        ["abcdefghijklmnopqrstuvwxyz0123456789", "mostly runs of equal or consecutive symbols"],
      ] as const) {
        const problems = problemsOf({ ...strong, NODE_ENV: "production", [name]: value });
        expect(problems).toEqual([
          `${name}: is too predictable for production: ${why}; generate one with: openssl rand -base64 48`,
        ]);
      }
    }
  });

  test("refuses in production an ENCRYPTION_KEY of one byte repeated, which tests may use", () => {
    const key = Buffer.alloc(32, 0xa1).toString("base64");
    expect(problemsOf({ ...strong, NODE_ENV: "production", ENCRYPTION_KEY: key })).toEqual([
      "ENCRYPTION_KEY: is too predictable for production: its bytes show one pattern of 1 symbol repeated; generate one with: openssl rand -base64 32",
    ]);
    expect(loadConfig({ ...strong, NODE_ENV: "test", ENCRYPTION_KEY: key }).ENCRYPTION_KEY).toBe(key);
  });

  test("accepts what openssl rand makes", () => {
    for (let i = 0; i < 20; i++) {
      const env = {
        ...strong,
        NODE_ENV: "production",
        JWT_SECRET: Buffer.from(crypto.getRandomValues(new Uint8Array(48))).toString("base64"),
        NODE_SECRET_PEPPER: Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("hex"),
        ENCRYPTION_KEY: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64"),
      };
      expect(problemsOf(env)).toEqual([]);
    }
  });

  test("never repeats a secret's value in a message", () => {
    const secret = "short-secret-value";
    const problems = problemsOf({
      JWT_SECRET: secret,
      ENCRYPTION_KEY: secret,
      SMTP_URL: "smtp://u:pw@h",
      PORT: "x",
    });
    expect(problems.join("\n")).not.toContain(secret);
    expect(problems.join("\n")).toContain('"x"');
  });
});

describe("checkConfig", () => {
  test("gives every variable its verdict, without starting anything", () => {
    const verdicts = checkConfig({ NODE_ENV: "production", PORT: "9000", JWT_SECRET: "a".repeat(36) });
    const of = (name: string) => verdicts.find((v) => v.variable === name);
    expect(verdicts.map((v) => v.variable)).toEqual(Object.keys(configSchema.shape));
    expect(of("PORT")).toEqual({ variable: "PORT", set: true, problems: [] });
    expect(of("HOST")).toEqual({ variable: "HOST", set: false, problems: [] });
    expect(of("JWT_SECRET")?.problems).toEqual([
      "is too predictable for production: one pattern of 1 symbol repeated; generate one with: openssl rand -base64 48",
    ]);
    expect(of("ENCRYPTION_KEY")?.problems[0]).toStartWith("must be set in production");
    expect(of("ROUTE_TOKEN_PUBLIC_KEY")?.problems[0]).toStartWith("must be set in production");
  });
});
