import { afterEach, describe, expect, test } from "bun:test";
import { type StubApi, startStubApi } from "../test/stub-api.ts";
import { ApiError, createApiClient } from "./api-client.ts";

let api: StubApi | undefined;
afterEach(async () => {
  await api?.stop();
});

function setup(): StubApi {
  api = startStubApi();
  api.secrets.set("edge-1", "one-time-secret-0123456789");
  return api;
}

const registerBody = {
  nodeId: "edge-1",
  registrationSecret: "one-time-secret-0123456789",
  url: "http://127.0.0.1:8081",
  version: "0.1.0",
};

describe("API client", () => {
  test("exchanges the one-time secret once; a reuse is refused", async () => {
    const stub = setup();
    const client = createApiClient({ baseUrl: stub.url, nodeId: "edge-1" });
    const { credential } = await client.register(registerBody);
    expect(credential.length).toBeGreaterThanOrEqual(16);
    const reuse = await client.register(registerBody).catch((e: unknown) => e);
    expect(reuse).toBeInstanceOf(ApiError);
    expect((reuse as ApiError).status).toBe(409);
  });

  test("looks sources up with the node credential and refuses a wrong one", async () => {
    const stub = setup();
    const { credential } = await createApiClient({ baseUrl: stub.url, nodeId: "edge-1" }).register(
      registerBody,
    );
    stub.sources.set("live/42", [{ id: "s1", url: "http://o.test/42.ts", format: "ts", accountId: "a1" }]);
    const client = createApiClient({ baseUrl: stub.url, nodeId: "edge-1", credential });
    expect(await client.sources("live", "42")).toEqual([
      { id: "s1", url: "http://o.test/42.ts", format: "ts", accountId: "a1" },
    ]);
    const wrong = createApiClient({ baseUrl: stub.url, nodeId: "edge-1", credential: "not-the-credential" });
    const error = (await wrong.sources("live", "42").catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(401);
    expect(error.code).toBe("unauthorized");
  });

  test("acquire answers false on no_upstream_slot and true again after a release", async () => {
    const stub = setup();
    const { credential } = await createApiClient({ baseUrl: stub.url, nodeId: "edge-1" }).register(
      registerBody,
    );
    stub.accountLimits.set("a1", 1);
    const client = createApiClient({ baseUrl: stub.url, nodeId: "edge-1", credential });
    const lease = { streamId: "42", sourceId: "s1", accountId: "a1" };
    expect(await client.acquire(lease)).toBe(true);
    expect(await client.acquire(lease)).toBe(false);
    await client.release(lease);
    expect(await client.acquire(lease)).toBe(true);
  });

  test("reports an unreachable API as status 0", async () => {
    const client = createApiClient({
      baseUrl: "http://127.0.0.1:9",
      nodeId: "edge-1",
      credential: "x".repeat(20),
      timeoutMs: 500,
    });
    const error = (await client.endSessions([{ sid: "s", gen: 1 }]).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
  });
});
