import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFor } from "../test/read-stream.ts";
import { spawnNode } from "../test/spawn-node.ts";
import { type StubApi, startStubApi } from "../test/stub-api.ts";
import { startTsOrigin, type TsOrigin } from "../test/ts-origin.ts";
import { generateRouteKeyPair, type RouteKeyPair } from "./token/keys.ts";
import { signRouteToken } from "./token/sign-route-token.ts";

const MAIN = join(import.meta.dir, "main.ts");
let stub: StubApi;
let origin: TsOrigin;
let keys: RouteKeyPair;
let dir: string;

beforeAll(async () => {
  stub = startStubApi();
  origin = startTsOrigin({ bitrateBps: 2_000_000 });
  keys = await generateRouteKeyPair();
  dir = await mkdtemp(join(tmpdir(), "edge-node-"));
});

afterAll(async () => {
  await stub.stop();
  await origin.kill();
  await rm(dir, { recursive: true, force: true });
});

function baseEnv(nodeId: string): Record<string, string> {
  return {
    EDGE_API_URL: stub.url,
    EDGE_NODE_ID: nodeId,
    EDGE_ROUTE_PUBLIC_KEY: keys.publicKey,
    EDGE_LISTEN: "127.0.0.1:0",
    EDGE_HEARTBEAT_MS: "200",
    EDGE_DRAIN_TIMEOUT_MS: "8000",
    EDGE_LINGER_MS: "200",
    EDGE_LOG_LEVEL: "info",
    // The test origin is on 127.0.0.1, not at the stub API's origin.
    EDGE_OUTBOUND_ALLOW_PRIVATE: "true",
  };
}

async function run(args: string[], env: Record<string, string>) {
  const child = Bun.spawn([process.execPath, MAIN, ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdout: "pipe",
    stderr: "pipe",
    timeout: 15_000,
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { stdout, stderr, code };
}

describe("standalone node", () => {
  test("refuses to start with a message naming each bad variable", async () => {
    const result = await run(["serve"], {
      EDGE_API_URL: "nope",
      EDGE_NODE_ID: "bad id!",
      EDGE_CACHE_MB: "-1",
    });
    expect(result.code).toBe(2);
    for (const name of ["EDGE_API_URL", "EDGE_NODE_ID", "EDGE_CACHE_MB"])
      expect(result.stderr).toContain(name);
  });

  test("register exchanges the one-time secret once and prints the credential", async () => {
    stub.secrets.set("edge-reg", "one-time-secret-0123456789");
    const env = { ...baseEnv("edge-reg"), EDGE_REGISTRATION_SECRET: "one-time-secret-0123456789" };
    const first = await run(["register"], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`EDGE_NODE_CREDENTIAL=${stub.credentials.get("edge-reg")}`);
    const again = await run(["register"], env);
    expect(again.code).toBe(1);
  });

  test("registers, streams through one upstream slot, reports, and drains on SIGTERM", async () => {
    stub.secrets.set("edge-proc", "one-time-secret-abcdefghij");
    stub.accountLimits.set("acct-1", 1);
    stub.sources.set("live/100", [{ id: "src-a", url: origin.url, format: "ts", accountId: "acct-1" }]);
    const credentialFile = join(dir, "credential");
    const env = {
      ...baseEnv("edge-proc"),
      EDGE_REGISTRATION_SECRET: "one-time-secret-abcdefghij",
      EDGE_CREDENTIAL_FILE: credentialFile,
    };
    const node = await spawnNode([process.execPath, MAIN, "serve"], env);
    expect((await readFile(credentialFile, "utf8")).trim()).toBe(
      stub.credentials.get("edge-proc") ?? "missing",
    );
    const tokenFor = (sid: string) =>
      signRouteToken(keys.privateKey, {
        aud: "edge-proc",
        sub: "viewer-1",
        sid,
        sto: "store-1",
        stm: "100",
        stt: "live",
        fmt: "ts",
      });
    const token = await tokenFor("screen-proc");
    const viewer = await fetch(`${node.url}/live/100.ts?token=${token}`);
    expect(viewer.status).toBe(200);
    const reader = (viewer.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(first.value?.length ?? 0).toBeGreaterThan(0);
    await Bun.sleep(500);
    expect(stub.calls).toContain("POST /v1/edge/upstreams/acquire");
    expect(stub.heartbeats.at(-1)?.channels).toEqual([
      { streamId: "100", viewers: 1, sourceId: "src-a", accountId: "acct-1" },
    ]);

    node.process.kill("SIGTERM");
    await Bun.sleep(400);
    const refused = await fetch(`${node.url}/live/100.ts?token=${await tokenFor("screen-new")}`);
    expect(refused.status).toBe(503);
    expect((await refused.json()).code).toBe("draining");
    reader.releaseLock();
    const still = await readFor(viewer.body as ReadableStream<Uint8Array>, 500);
    expect(still.bytes).toBeGreaterThan(50_000);
    const exitedAt = Date.now();
    expect(await node.exited()).toBe(0);
    // The drain ended as soon as the last viewer left, well before the 8 s deadline.
    expect(Date.now() - exitedAt).toBeLessThan(4000);
    expect(stub.calls).toContain("POST /v1/edge/upstreams/release");
    expect(stub.leases.get("acct-1")).toBe(0);
    expect(stub.endedSessions).toContain("screen-proc");
    expect(stub.heartbeats.some((beat) => beat.draining)).toBe(true);

    // A restart reuses the saved credential: the spent one-time secret is not needed again.
    const again = await spawnNode([process.execPath, MAIN, "serve"], env);
    expect((await (await fetch(`${again.url}/health`)).json()).status).toBe("ok");
    expect(await again.terminate()).toBe(0);
  }, 30_000);

  test("by default fetches upstreams at public addresses and at the API's origin only", async () => {
    stub.credentials.set("edge-guard", "credential-for-guard-0001");
    stub.sources.set("live/300", [
      { id: "private", url: origin.url, format: "ts", accountId: null },
      { id: "api-origin", url: `${stub.url}/no-such-stream.ts`, format: "ts", accountId: null },
    ]);
    const env = {
      ...baseEnv("edge-guard"),
      EDGE_NODE_CREDENTIAL: "credential-for-guard-0001",
      EDGE_OUTBOUND_ALLOW_PRIVATE: "",
    };
    const node = await spawnNode([process.execPath, MAIN, "serve"], env);
    const connectionsBefore = origin.connections;
    const token = await signRouteToken(keys.privateKey, {
      aud: "edge-guard",
      sub: "viewer-1",
      sid: "screen-guard",
      sto: "store-1",
      stm: "300",
      stt: "live",
      fmt: "ts",
    });
    const response = await fetch(`${node.url}/live/300.ts?token=${token}`);
    expect(response.status).toBe(502);
    expect(await node.terminate()).toBe(0);
    expect(origin.connections).toBe(connectionsBefore);
    const warnings = node.logs.filter((line) => line.level === 40);
    expect(warnings.find((line) => line.sourceId === "private")).toMatchObject({
      msg: "upstream refused",
      err: { refusal: { address: "127.0.0.1", addressClass: "loopback" } },
    });
    // The stub API's origin is allowed though it is loopback: it was asked (and wants a credential).
    expect(warnings.find((line) => line.sourceId === "api-origin")).toMatchObject({
      msg: "upstream lost",
      err: { message: "upstream answered 401" },
    });
  }, 30_000);
});
