/**
 * `start` with NODE_ENV=production, as an operator runs it: no demo store and no default
 * accounts unless `--demo` asks for them, and no password on the terminal either way.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateKeys } from "../src/cli/generate-keys.ts";
import { type ApiProcess, demoCaller, demoLogin, freePort, startApi, waitForDemoBanner } from "./process.ts";

const main = join(import.meta.dir, "..", "src", "main.ts");
const dataDir = mkdtempSync(join(tmpdir(), "nevewatch-prod-"));
const PASSWORDS = ["nevewatch-admin", "nevewatch-owner", "nevewatch-viewer"];
let api: ApiProcess | undefined;
let env: Record<string, string> = {};

beforeAll(async () => {
  const secrets = Object.fromEntries(
    (await generateKeys())
      .split("\n")
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  env = {
    ...secrets,
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    PORT: String(freePort()),
    JOBS_POLL_MS: "100",
  };
});
afterAll(async () => {
  await api?.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
});

const call = demoCaller(() => api?.url ?? "");

async function waitForLine(running: ApiProcess, text: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!running.logs.some((line) => line.includes(text))) {
    if (running.proc.exitCode !== null || Date.now() > deadline)
      throw new Error(`no "${text}" in:\n${running.logs.join("\n")}`);
    await Bun.sleep(50);
  }
}

describe("start in production", () => {
  test("seeds nothing and creates no default account, and says how to make the first admin", async () => {
    api = await startApi(["bun", main, "start"], env, { timeoutMs: 30_000 });
    await waitForLine(api, "NeveWatch is running (production");
    const printed = api.logs.join("\n");
    expect(printed).toContain("nevewatch-api admin create --email <e-mail> --password <password>");
    expect(printed).not.toContain("@nevewatch.test");
    for (const password of PASSWORDS) expect(printed).not.toContain(password);

    const admin = await call("/v1/auth/login", {
      body: {
        email: "admin@nevewatch.test",
        password: "nevewatch-admin",
        device: { name: "t", kind: "web" },
      },
      store: false,
    });
    expect(admin.status).toBe(401);
    expect((await call("/v1/public/plans")).status).toBe(404);
  }, 60_000);

  test("with --demo seeds the demo store, and prints its logins without a password", async () => {
    await api?.kill("SIGTERM");
    api = await startApi(["bun", main, "start", "--demo"], env, { timeoutMs: 30_000 });
    await waitForDemoBanner(api);
    const printed = api.logs.join("\n");
    expect(printed).toContain("admin@nevewatch.test");
    for (const password of PASSWORDS) expect(printed).not.toContain(password);
    expect(printed).not.toMatch(/password=/);
    expect(await demoLogin(call, "viewer@nevewatch.test", "nevewatch-viewer")).toBeString();
  }, 90_000);
});
