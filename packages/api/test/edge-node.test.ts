/**
 * A real edge node against the real API: an admin declares a node, the standalone edge
 * registers with its one-time secret, heartbeats until the API routes viewers to it, and
 * ffprobe reads a demo channel through it (HLS and MPEG-TS) with a token only it accepts.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { type ApiProcess, freePort, probeCodecs, startApi } from "./process.ts";

const root = join(import.meta.dir, "..", "..", "..");
const dataDir = mkdtempSync(join(tmpdir(), "nevewatch-edge-e2e-"));
let api: ApiProcess | undefined;
let edge: Subprocess | undefined;
const edgeLogs: string[] = [];

async function call(
  path: string,
  init: { method?: string; token?: string; body?: unknown; store?: boolean } = {},
) {
  const headers: Record<string, string> = init.store === false ? {} : { "x-store": "demo" };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${api?.url}${path}`, {
    method: init.method ?? "GET",
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** Platform admins sign in without a store; everyone else at the demo store. */
async function login(email: string, password: string, store = true): Promise<string> {
  const body = { email, password, device: { name: "e2e", kind: "web" } };
  const result = await call("/v1/auth/login", { method: "POST", body, store });
  expect(result.status).toBe(200);
  return result.body.accessToken;
}

beforeAll(async () => {
  const port = freePort();
  api = await startApi(
    ["bun", join(root, "packages/api/src/main.ts"), "start"],
    { DATA_DIR: dataDir, PORT: String(port), JOBS_POLL_MS: "100" },
    { timeoutMs: 60_000 },
  );
  const deadline = Date.now() + 60_000;
  while (!api.logs.some((l) => l.includes("viewer@nevewatch.test")) && Date.now() < deadline)
    await Bun.sleep(100);
});
afterAll(async () => {
  edge?.kill("SIGKILL");
  await api?.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a standalone edge node with the real API", () => {
  test("registers, turns active, takes the demo viewers and plays HLS and MPEG-TS", async () => {
    const admin = await login("admin@nevewatch.test", "nevewatch-admin", false);
    const created = await call("/v1/nodes", {
      method: "POST",
      token: admin,
      body: { name: "edge-e2e", scope: "global", maxStreams: 100, egressMbps: 1000 },
    });
    expect(created.status).toBe(201);
    const nodeId = created.body.node.id as string;
    const keys = JSON.parse(readFileSync(join(dataDir, "route-keys.json"), "utf8")) as { publicKey: string };
    const listen = `127.0.0.1:${freePort()}`;
    edge = Bun.spawn(["bun", join(root, "packages/edge/src/main.ts"), "serve"], {
      env: {
        PATH: process.env.PATH ?? "",
        EDGE_API_URL: api?.url ?? "",
        EDGE_NODE_ID: nodeId,
        EDGE_REGISTRATION_SECRET: created.body.registrationSecret,
        EDGE_CREDENTIAL_FILE: join(dataDir, "edge-credential"),
        EDGE_ROUTE_PUBLIC_KEY: keys.publicKey,
        EDGE_LISTEN: listen,
        EDGE_HEARTBEAT_MS: "300",
        EDGE_LOG_LEVEL: "info",
      },
      stdout: "pipe",
      stderr: "pipe",
    });
    void (async () => {
      for await (const chunk of edge.stdout as ReadableStream<Uint8Array>)
        edgeLogs.push(new TextDecoder().decode(chunk));
    })();

    let state = "";
    for (let i = 0; i < 100 && state !== "active"; i++) {
      await Bun.sleep(100);
      state = (await call(`/v1/nodes/${nodeId}`, { token: admin })).body.state;
    }
    expect(state, edgeLogs.join("")).toBe("active");

    const viewer = await login("viewer@nevewatch.test", "nevewatch-viewer");
    const channels = (await call("/v1/me/catalog/items?limit=50", { token: viewer })).body.items as Array<{
      id: string;
      name: string;
    }>;
    const hls = channels.find((c) => !c.name.includes("MPEG-TS"));
    const ts = channels.find((c) => c.name.includes("MPEG-TS"));
    for (const [channel, format] of [
      [hls, "hls"],
      [ts, "ts"],
    ] as const) {
      const route = await call(`/v1/streaming/node-route?streamId=${channel?.id}&streamType=live`, {
        token: viewer,
      });
      expect(route.status).toBe(200);
      expect(route.body).toMatchObject({ nodeId, format, nodeUrl: `http://${listen}` });
      expect(probeCodecs(route.body.url)).toBe("aac,h264");
    }
    // The edge's heartbeat reports what it serves; the API shows it as the node's load.
    await Bun.sleep(800);
    const shown = await call(`/v1/nodes/${nodeId}`, { token: admin });
    expect(shown.body.load).not.toBeNull();
    expect(shown.body.version).toBeString();
  }, 120_000);
});
