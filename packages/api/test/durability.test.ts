/**
 * Acknowledged writes survive a crash: start the server, burst writes, SIGKILL it in the middle
 * of the burst, restart it on the same data directory, and find every write that got a 201.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ApiProcess, startApi } from "./process.ts";

const main = join(import.meta.dir, "..", "src", "main.ts");
const dataDir = mkdtempSync(join(tmpdir(), "nevewatch-durable-"));
const env = { DATA_DIR: dataDir, JOBS_ENABLED: "false", LOG_LEVEL: "warn" };
let api: ApiProcess | undefined;

afterAll(async () => {
  await api?.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

test(
  "every acknowledged write is there after a SIGKILL mid-burst",
  async () => {
    const admin = Bun.spawnSync(
      ["bun", main, "admin", "create", "--email", "root@example.com", "--password", "a long admin password"],
      {
        env: { ...process.env, ...env },
      },
    );
    expect(admin.exitCode, admin.stderr.toString()).toBe(0);
    api = await startApi(["bun", main, "serve"], { ...env, LOG_LEVEL: "info" });
    const login = await fetch(`${api.url}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: "root@example.com",
        password: "a long admin password",
        device: { name: "test", kind: "web" },
      }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { "content-type": "application/json", authorization: `Bearer ${accessToken}` };

    const acknowledged: string[] = [];
    const url = api.url;
    const writer = async (worker: number) => {
      for (let i = 0; i < 400; i++) {
        try {
          const response = await fetch(`${url}/v1/nodes`, {
            method: "POST",
            headers,
            body: JSON.stringify({
              name: `n-${worker}-${i}`,
              scope: "global",
              maxStreams: 10,
              egressMbps: 100,
            }),
          });
          if (response.status !== 201) return;
          acknowledged.push(((await response.json()) as { node: { id: string } }).node.id);
        } catch {
          return; // the server died under us: everything acknowledged so far must survive
        }
      }
    };
    const burst = Promise.all([0, 1, 2, 3].map(writer));
    while (acknowledged.length < 150) await Bun.sleep(5);
    api.proc.kill("SIGKILL");
    await api.proc.exited;
    await burst;
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    expect(acknowledged.length).toBeLessThan(1600);

    api = await startApi(["bun", main, "serve"], { ...env, LOG_LEVEL: "info" });
    const missing: string[] = [];
    for (const id of acknowledged) {
      const response = await fetch(`${api.url}/v1/nodes/${id}`, { headers });
      if (response.status !== 200) missing.push(`${id} → ${response.status}`);
    }
    expect(missing).toEqual([]);
  },
  { timeout: 60_000 },
);
