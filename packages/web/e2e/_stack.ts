/**
 * Brings up what the browser tests and the web bench run against, the way the README starts
 * it: the real API (`main.ts start`, which seeds the demo once that lands; `serve` before),
 * a platform admin made with the CLI, a demo store with its owner and a plan made through the
 * API, and the built web app (`bun run .output/server/index.mjs`) pointing at the API.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

// Node APIs only: Playwright's runner loads this under Node, the web bench under Bun.
const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(HERE, "../../..");
export const WEB_ROOT = resolve(HERE, "..");
const BUN = process.env.BUN_BIN ?? "bun";

/** The logins `main.ts start` seeds (packages/api/src/demo/seed.ts); created here when absent. */
export const DEMO = {
  store: "demo",
  admin: { email: "admin@nevewatch.test", password: "nevewatch-admin" },
  owner: { email: "owner@nevewatch.test", password: "nevewatch-owner" },
} as const;

export interface StackInfo {
  apiUrl: string;
  webUrl: string;
  dataDir: string;
  apiPid: number;
  webPid: number;
}

const children: ChildProcess[] = [];

function waitForLine(
  child: ChildProcess,
  match: (line: string) => string | null,
  ms: number,
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    if (!child.stdout) return reject(new Error("no stdout to read"));
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(
      () => reject(new Error("the process did not report it was listening in time")),
      ms,
    );
    child.once("exit", (code) => reject(new Error(`the process exited (${code}) before listening`)));
    lines.on("line", (line) => {
      if (process.env.E2E_VERBOSE) process.stderr.write(`${line}\n`);
      const found = match(line);
      if (found) {
        clearTimeout(timer);
        resolvePromise(found);
      }
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

async function call(
  apiUrl: string,
  path: string,
  init: { method?: string; token?: string; store?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.store) headers["x-store"] = init.store;
  const response = await fetch(`${apiUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  return { status: response.status, body };
}

export async function login(
  apiUrl: string,
  who: { email: string; password: string },
  store?: string,
): Promise<string> {
  const { status, body } = await call(apiUrl, "/v1/auth/login", {
    body: { ...who, device: { name: "e2e", kind: "web" } },
    ...(store ? { store } : {}),
  });
  if (status !== 200) throw new Error(`login of ${who.email} answered ${status}: ${JSON.stringify(body)}`);
  return body.accessToken as string;
}

/** Makes sure the demo store, its owner and a plan exist (the API's `start` may have seeded them). */
async function seed(apiUrl: string, env: Record<string, string>): Promise<void> {
  const admin = spawnSync(
    BUN,
    [
      "packages/api/src/main.ts",
      "admin",
      "create",
      "--email",
      DEMO.admin.email,
      "--password",
      DEMO.admin.password,
    ],
    { cwd: REPO_ROOT, env: { ...process.env, ...env } },
  );
  if (admin.status !== 0 && !admin.stderr.toString().match(/exist|duplicate/i)) {
    throw new Error(`admin create failed: ${admin.stderr.toString()}`);
  }
  const adminToken = await login(apiUrl, DEMO.admin);
  const existing = await call(apiUrl, "/v1/public/store", { store: DEMO.store });
  if (existing.status !== 200) {
    const created = await call(apiUrl, "/v1/stores/", {
      token: adminToken,
      body: {
        name: "Demo TV",
        slug: DEMO.store,
        branding: { primaryColor: "#7c3aed", accentColor: "#f59e0b" },
        owner: { ...DEMO.owner, name: "Demo owner" },
      },
    });
    if (created.status !== 201 && created.status !== 200)
      throw new Error(`create store: ${JSON.stringify(created.body)}`);
  }
  const ownerToken = await login(apiUrl, DEMO.owner, DEMO.store);
  const plans = await call(apiUrl, "/v1/plans", { token: ownerToken, store: DEMO.store });
  if (((plans.body.items as unknown[]) ?? []).length === 0) {
    for (const plan of [
      {
        name: "Basic",
        description: "Every channel on one screen",
        price: 799,
        currency: "EUR",
        durationDays: 30,
        screens: 1,
      },
      {
        name: "Family",
        description: "Every channel in HD on up to 4 screens",
        price: 1499,
        currency: "EUR",
        durationDays: 30,
        screens: 4,
        trialDays: 7,
      },
    ]) {
      const made = await call(apiUrl, "/v1/plans", { token: ownerToken, store: DEMO.store, body: plan });
      if (made.status >= 300) throw new Error(`create plan: ${JSON.stringify(made.body)}`);
    }
  }
}

export async function startStack(options: { webPort?: number } = {}): Promise<StackInfo> {
  const dataDir = mkdtempSync(join(tmpdir(), "nevewatch-e2e-"));
  const env = { DATA_DIR: dataDir, HOST: "127.0.0.1", LOG_LEVEL: "info", ALLOW_STORE_SIGNUP: "true" };
  const command = process.env.E2E_API_COMMAND ?? "start";
  const apiPort = await freePort();
  const webPort = options.webPort ?? (await freePort());
  const api = spawn(BUN, ["packages/api/src/main.ts", command], {
    cwd: REPO_ROOT,
    // PUBLIC_URL: the demo origin's playlist and the embedded edge hand out absolute URLs.
    // WEB_URL: links in mails open the web app, as `npm start` sets it.
    env: {
      ...process.env,
      ...env,
      PORT: String(apiPort),
      PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
      WEB_URL: `http://127.0.0.1:${webPort}`,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(api);
  // `start` logs "api listening" first and prints its banner once the demo is seeded.
  let listening: string | null = null;
  const apiUrl = await waitForLine(
    api,
    (line) => {
      if (line.includes("api listening")) listening = (JSON.parse(line) as { url: string }).url;
      const ready = command !== "start" || line.includes("is running");
      return ready ? listening : null;
    },
    90_000,
  );
  await seed(apiUrl, env);
  const web = spawn(BUN, ["run", ".output/server/index.mjs"], {
    cwd: WEB_ROOT,
    env: { ...process.env, API_URL: apiUrl, PORT: String(webPort), DEFAULT_STORE: DEMO.store },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(web);
  await waitForLine(web, (line) => (line.includes("Listening") ? line : null), 30_000);
  return {
    apiUrl,
    webUrl: `http://127.0.0.1:${webPort}`,
    dataDir,
    apiPid: api.pid ?? 0,
    webPid: web.pid ?? 0,
  };
}

export function stopStack(): void {
  for (const child of children.splice(0)) child.kill("SIGTERM");
}
