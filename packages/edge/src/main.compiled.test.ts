/**
 * The compiled binary: `bun build --compile` of `src/main.ts`, run from an empty temp dir (no
 * node_modules anywhere near it) against the stub API, streaming a live channel through it.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFor } from "../test/read-stream.ts";
import { spawnNode } from "../test/spawn-node.ts";
import { type StubApi, startStubApi } from "../test/stub-api.ts";
import { startTsOrigin, type TsOrigin } from "../test/ts-origin.ts";
import { generateRouteKeyPair } from "./token/keys.ts";
import { signRouteToken } from "./token/sign-route-token.ts";

let dir: string;
let binary: string;
let stub: StubApi;
let origin: TsOrigin;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "edge-binary-"));
  binary = join(dir, "nevewatch-edge");
  const build = Bun.spawn(
    [process.execPath, "build", "--compile", join(import.meta.dir, "main.ts"), "--outfile", binary],
    {
      stdout: "ignore",
      stderr: "pipe",
      timeout: 60_000,
    },
  );
  if ((await build.exited) !== 0) throw new Error(`build failed: ${await new Response(build.stderr).text()}`);
  stub = startStubApi();
  origin = startTsOrigin({ bitrateBps: 2_000_000 });
}, 70_000);

afterAll(async () => {
  await stub?.stop();
  await origin?.kill();
  await rm(dir, { recursive: true, force: true });
});

describe("compiled edge binary", () => {
  test("runs with no node_modules, streams a live channel and exits cleanly on SIGTERM", async () => {
    const keys = await generateRouteKeyPair();
    stub.credentials.set("edge-bin", "credential-for-binary-0001");
    stub.sources.set("live/7", [{ id: "s", url: origin.url, format: "ts", accountId: null }]);
    const node = await spawnNode(
      [binary, "serve"],
      {
        EDGE_API_URL: stub.url,
        EDGE_NODE_ID: "edge-bin",
        EDGE_NODE_CREDENTIAL: "credential-for-binary-0001",
        EDGE_ROUTE_PUBLIC_KEY: keys.publicKey,
        EDGE_LISTEN: "127.0.0.1:0",
        EDGE_DRAIN_TIMEOUT_MS: "3000",
        EDGE_OUTBOUND_ALLOW_PRIVATE: "true",
      },
      dir,
    );
    const health = await (await fetch(`${node.url}/health`)).json();
    expect(health).toMatchObject({ status: "ok", nodeId: "edge-bin", version: "0.1.0", draining: false });
    const token = await signRouteToken(keys.privateKey, {
      aud: "edge-bin",
      sub: "v",
      sid: "s-bin",
      sto: "st",
      stm: "7",
      stt: "live",
      fmt: "ts",
    });
    const response = await fetch(`${node.url}/live/7.ts?token=${token}`);
    const read = await readFor(response.body as ReadableStream<Uint8Array>, 800);
    expect(read.bytes).toBeGreaterThan(100_000);
    expect(read.misaligned + read.gaps).toBe(0);
    const metrics = await (await fetch(`${node.url}/metrics`)).text();
    expect(metrics).toContain("nevewatch_edge_bytes_out_total");
    expect(await node.terminate()).toBe(0);
    expect(stub.heartbeats.length).toBeGreaterThan(0);
  }, 30_000);
});
