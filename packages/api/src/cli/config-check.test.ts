import { describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../config/config.ts";
import { generateKeys } from "./generate-keys.ts";

const main = join(import.meta.dir, "..", "main.ts");

function run(args: string[], env: Record<string, string>) {
  const result = Bun.spawnSync(["bun", main, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdout: "pipe",
    stderr: "pipe",
    timeout: 20_000,
  });
  return { code: result.exitCode, out: result.stdout.toString(), err: result.stderr.toString() };
}

function envLines(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split("\n")
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

describe("nevewatch-api config check", () => {
  test("prints each variable's verdict and exits 1 on a configuration the API refuses, opening nothing", () => {
    const work = mkdtempSync(join(tmpdir(), "nevewatch-check-"));
    try {
      const dataDir = join(work, "data");
      const { code, out } = run(["config", "check"], {
        NODE_ENV: "production",
        DATA_DIR: dataDir,
        JWT_SECRET: "a".repeat(36),
        ENCRYPTION_KEY: "Q2h4bW9wZ3Fyc3R1dnd4eXphYmNkZWZnaGlqa2xtbm9w",
        ROUTE_TOKEN_PRIVATE_KEY: "x",
        ROUTE_TOKEN_PUBLIC_KEY: "y",
      });
      expect(code).toBe(1);
      expect(out).toMatch(/^ {2}ok {7}PORT +default$/m);
      expect(out).toMatch(/^ {2}ok {7}DATA_DIR +set$/m);
      expect(out).toMatch(/^ {2}problem {2}JWT_SECRET +is too predictable for production/m);
      expect(out).toMatch(/^ {2}problem {2}ENCRYPTION_KEY +must decode to 32 bytes for AES-256, got 33/m);
      expect(out).toMatch(/^ {2}problem {2}ROUTE_TOKEN_PRIVATE_KEY +must be base64url/m);
      expect(out).toMatch(/^ {2}problem {2}NODE_SECRET_PEPPER +must be set in production/m);
      expect(out).toContain("5 problems: the API refuses to start with this configuration (production).");
      expect(out).not.toContain("a".repeat(36));
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  test("exits 0 on what keys generate prints, in production", async () => {
    const generated = envLines(await generateKeys());
    const { EDGE_ROUTE_PUBLIC_KEY, ...api } = generated;
    expect(EDGE_ROUTE_PUBLIC_KEY).toBe(api.ROUTE_TOKEN_PUBLIC_KEY);
    expect(loadConfig({ ...api, NODE_ENV: "production" }).isProduction).toBe(true);
    const { code, out } = run(["config", "check"], { ...api, NODE_ENV: "production" });
    expect(out).toContain("The configuration is valid (production).");
    expect(code).toBe(0);
  });

  test("keys generate prints fresh values every time", () => {
    const first = envLines(run(["keys", "generate"], {}).out);
    const second = envLines(run(["keys", "generate"], {}).out);
    expect(Object.keys(first)).toEqual([
      "JWT_SECRET",
      "NODE_SECRET_PEPPER",
      "ENCRYPTION_KEY",
      "ROUTE_TOKEN_PRIVATE_KEY",
      "ROUTE_TOKEN_PUBLIC_KEY",
      "EDGE_ROUTE_PUBLIC_KEY",
    ]);
    for (const name of Object.keys(first)) expect(first[name]).not.toBe(second[name]);
  });
});
