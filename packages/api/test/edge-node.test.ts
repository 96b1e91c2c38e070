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
import {
  type ApiProcess,
  demoCaller,
  demoLogin,
  freePort,
  playDemoLiveChannels,
  startApi,
  waitForDemoBanner,
} from "./process.ts";

const root = join(import.meta.dir, "..", "..", "..");
const dataDir = mkdtempSync(join(tmpdir(), "nevewatch-edge-e2e-"));
let api: ApiProcess | undefined;
let edge: Subprocess | undefined;
const edgeLogs: string[] = [];

const call = demoCaller(() => api?.url ?? "");
const login = (email: string, password: string, store = true) =>
  demoLogin(call, email, password, { store, device: "e2e" });

beforeAll(async () => {
  const port = freePort();
  api = await startApi(
    ["bun", join(root, "packages/api/src/main.ts"), "start"],
    { DATA_DIR: dataDir, PORT: String(port), JOBS_POLL_MS: "100" },
    { timeoutMs: 60_000 },
  );
  await waitForDemoBanner(api);
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
    await playDemoLiveChannels(call, viewer, (route, format) =>
      expect(route.body).toMatchObject({ nodeId, format, nodeUrl: `http://${listen}` }),
    );
    // The edge's heartbeat reports what it serves; the API shows it as the node's load.
    await Bun.sleep(800);
    const shown = await call(`/v1/nodes/${nodeId}`, { token: admin });
    expect(shown.body.load).not.toBeNull();
    expect(shown.body.version).toBeString();
  }, 120_000);

  test("signing out ends the viewer's stream on the node within 5 s, pushed by the API", async () => {
    const viewer = await login("viewer@nevewatch.test", "nevewatch-viewer");
    const channels = (await call("/v1/me/catalog/items?type=live&limit=50", { token: viewer })).body
      .items as Array<{ id: string; name: string }>;
    const ts = channels.find((c) => c.name.includes("MPEG-TS"));
    const route = await call(`/v1/streaming/node-route?streamId=${ts?.id}&streamType=live&screen=node-tv`, {
      token: viewer,
    });
    expect(route.body.nodeId).not.toBe("api");
    const response = await fetch(route.body.url);
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect((await reader.read()).done).toBe(false);
    const pushesBefore = edgeLogs.join("").split("API revoked screens").length;

    const at = Date.now();
    expect((await call("/v1/auth/logout", { token: viewer, body: {} })).status).toBe(204);
    let done = false;
    while (!done && Date.now() - at < 6000) done = (await reader.read()).done;
    expect(done).toBe(true);
    expect(Date.now() - at).toBeLessThan(5000);
    // The long poll brought it (the heartbeat would too, later): the node logged the push.
    const deadline = Date.now() + 2000;
    while (edgeLogs.join("").split("API revoked screens").length === pushesBefore && Date.now() < deadline)
      await Bun.sleep(50);
    expect(edgeLogs.join("").split("API revoked screens").length).toBeGreaterThan(pushesBefore);
    const reopened = await fetch(route.body.url);
    expect((await reopened.json()).code).toBe("session_revoked");
  }, 30_000);
});
