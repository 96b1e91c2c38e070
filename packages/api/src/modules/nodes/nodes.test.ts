import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { EDGE_ERROR_STATUS, edgeApiContract as wire } from "@nevewatch/edge";
import { z } from "zod";
import type { Principal } from "../../auth/principal.ts";
import { fixtureDirectory, type StreamingKit, startStreamingKit } from "../streaming/_test-kit.ts";

let kit: StreamingKit;
const admin: Principal = {
  id: "admin-1",
  kind: "user",
  role: "platform_admin",
  storeId: null,
  permissions: [],
};
const heartbeatBody = (nodeId: string, extra: Record<string, unknown> = {}) => ({
  nodeId,
  version: "0.1.0",
  cpuPercent: 3,
  memoryBytes: 50_000_000,
  sessions: [],
  channels: [],
  upstreams: 0,
  egressBps: 0,
  droppedViewers: 0,
  failovers: 0,
  ...extra,
});

beforeAll(async () => {
  kit = await startStreamingKit(
    (storeId) =>
      fixtureDirectory([
        {
          id: "ch-a",
          storeId,
          type: "live",
          packageIds: ["p"],
          format: "hls",
          sourceUrls: ["http://127.0.0.1:9/a.m3u8"],
        },
      ]),
    ["p"],
    5,
  );
});
afterAll(() => kit.stop());

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${kit.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

async function registeredNode(name: string, scope: "global" | "store" = "global", as: Principal = admin) {
  const created = await kit.call("POST", "/v1/nodes", as, { name, scope, maxStreams: 100, egressMbps: 1000 });
  expect(created.status).toBe(201);
  const reg = await post("/v1/edge/register", {
    nodeId: created.body.node.id,
    registrationSecret: created.body.registrationSecret,
    url: `http://127.0.0.1:1/${name}`,
    version: "0.1.0",
  });
  expect(reg.status).toBe(200);
  return {
    id: created.body.node.id as string,
    secret: created.body.registrationSecret as string,
    auth: { authorization: `Node ${reg.body.nodeId}:${reg.body.credential}` },
  };
}

describe("streaming-node registry", () => {
  test("a node exchanges its one-time secret once; a reused secret is refused", async () => {
    const node = await registeredNode("edge-once");
    const again = await post("/v1/edge/register", {
      nodeId: node.id,
      registrationSecret: node.secret,
      url: "http://127.0.0.1:1/x",
      version: "1",
    });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe("unauthorized");
  });

  test("moves from provisioning to active with heartbeats, and drains on admin action", async () => {
    const node = await registeredNode("edge-state");
    expect((await kit.call("GET", `/v1/nodes/${node.id}`, admin)).body.state).toBe("provisioning");
    const beat = await post("/v1/edge/heartbeat", heartbeatBody(node.id), node.auth);
    expect(beat.body).toEqual({ status: "active", drain: false, revokedSessions: [] });
    const drained = await kit.call("POST", `/v1/nodes/${node.id}/drain`, admin);
    expect(drained.body.state).toBe("draining");
    expect((await post("/v1/edge/heartbeat", heartbeatBody(node.id), node.auth)).body.drain).toBe(true);
  });

  test("a node that reports it is draining gets no new viewers", async () => {
    const node = await registeredNode("edge-self-drain");
    const beat = await post("/v1/edge/heartbeat", heartbeatBody(node.id, { draining: true }), node.auth);
    expect(beat.body.status).toBe("draining");
    expect((await kit.call("GET", `/v1/nodes/${node.id}`, admin)).body.state).toBe("draining");
  });

  test("refuses heartbeats and source lookups without a valid node credential", async () => {
    const node = await registeredNode("edge-auth");
    const bad = await post("/v1/edge/heartbeat", heartbeatBody(node.id), {
      authorization: `Node ${node.id}:nwn_wrong`,
    });
    expect(bad.status).toBe(401);
    const sources = await fetch(`${kit.url}/v1/edge/streams/live/ch-a/sources`);
    expect(sources.status).toBe(401);
  });

  test("gives an authenticated node a stream's sources", async () => {
    const node = await registeredNode("edge-sources");
    const response = await fetch(`${kit.url}/v1/edge/streams/live/ch-a/sources`, { headers: node.auth });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      streamId: "ch-a",
      type: "live",
      sources: [{ id: "ch-a-src0", url: "http://127.0.0.1:9/a.m3u8", format: "hls", accountId: null }],
    });
  });

  test("routes viewers of one channel to one healthy node, and store-private nodes first", async () => {
    const a = await registeredNode("edge-route-a");
    const b = await registeredNode("edge-route-b");
    for (const n of [a, b]) await post("/v1/edge/heartbeat", heartbeatBody(n.id), n.auth);
    const viewer = { ...kit.viewer, sessionId: "dev-route" };
    const first = await kit.call("GET", "/v1/streaming/node-route?streamId=ch-a&streamType=live", viewer);
    expect(first.status).toBe(200);
    expect([a.id, b.id]).toContain(first.body.nodeId);
    const second = await kit.call("GET", "/v1/streaming/node-route?streamId=ch-a&streamType=live", viewer);
    expect(second.body.nodeId).toBe(first.body.nodeId);
    expect(first.body.url).toContain("/hls/ch-a/index.m3u8?token=");

    const owner: Principal = { ...kit.owner };
    const mine = await registeredNode("edge-private", "store", owner);
    await post("/v1/edge/heartbeat", heartbeatBody(mine.id), mine.auth);
    const third = await kit.call("GET", "/v1/streaming/node-route?streamId=ch-a&streamType=live", viewer);
    expect(third.body.nodeId).toBe(mine.id);
  });

  test("hides another store's private node (404) and keeps global nodes read-only for owners", async () => {
    const other: Principal = {
      id: "o2",
      kind: "user",
      role: "store_owner",
      storeId: "another-store",
      permissions: [],
    };
    const mine = await registeredNode("edge-mine", "store", kit.owner);
    expect((await kit.call("GET", `/v1/nodes/${mine.id}`, other)).status).toBe(404);
    expect((await kit.call("POST", `/v1/nodes/${mine.id}/drain`, other)).status).toBe(404);
    const global = await registeredNode("edge-global");
    expect((await kit.call("GET", `/v1/nodes/${global.id}`, other)).status).toBe(200);
    expect((await kit.call("POST", `/v1/nodes/${global.id}/drain`, other)).status).toBe(403);
    expect(
      (
        await kit.call("POST", "/v1/nodes", kit.owner, {
          name: "x",
          scope: "global",
          maxStreams: 1,
          egressMbps: 1,
        })
      ).status,
    ).toBe(403);
  });

  test("enforces an upstream account's max connections across nodes: 503 no_upstream_slot with Retry-After, as the edge answers", async () => {
    const a = await registeredNode("edge-slot-a");
    const b = await registeredNode("edge-slot-b");
    const body = { streamId: "ch-a", sourceId: "s", accountId: "acct-1" };
    expect((await post("/v1/edge/upstreams/acquire", body, a.auth)).status).toBe(200);
    const refused = await post("/v1/edge/upstreams/acquire", body, b.auth);
    expect(refused.status).toBe(503);
    expect(refused.status).toBe(EDGE_ERROR_STATUS.no_upstream_slot);
    expect(refused.body.code).toBe("no_upstream_slot");
    expect(refused.headers.get("retry-after")).toBe("5");
    await post("/v1/edge/upstreams/release", body, a.auth);
    expect((await post("/v1/edge/upstreams/acquire", body, b.auth)).status).toBe(200);
  });

  test("lists nodes as JSON without secrets", async () => {
    const list = await kit.call("GET", "/v1/nodes", admin);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toMatch(/credentialHash|registrationHash|nwn_|nwr_/);
  });
});

describe("the edge wire contract", () => {
  type Schema = Record<string, unknown>;
  type Operation = {
    parameters?: Array<{ name: string; in: string; schema: Schema }>;
    requestBody?: { content: Record<string, { schema: Schema }> };
    responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  };
  /** `X | null` as OpenAPI 3.1 writes it (`type: [X, "null"]`), the way the OpenAPI plugin rewrites it. */
  const nullable = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(nullable);
    if (typeof value !== "object" || value === null) return value;
    const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nullable(v)])) as Schema;
    const [one, other, ...more] = (out.anyOf as Schema[] | undefined) ?? [];
    if (one && other?.type === "null" && more.length === 0 && typeof one.type === "string") {
      delete out.anyOf;
      return { ...out, ...one, type: [one.type, "null"] };
    }
    return out;
  };
  const jsonSchema = (schema: z.ZodType, io: "input" | "output") => {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: "draft-2020-12" });
    return nullable(rest) as Schema;
  };

  test("the API documents the edge's calls with the contract's own schemas", async () => {
    const doc = (await (await fetch(`${kit.url}/openapi/json`)).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const op = (method: string, path: string) => doc.paths[path]?.[method] as Operation;
    const body = (o: Operation) => o.requestBody?.content["application/json"]?.schema;
    const ok = (o: Operation) => o.responses["200"]?.content?.["application/json"]?.schema;
    const calls: Array<[string, string, z.ZodType | null, z.ZodType]> = [
      ["post", "/v1/edge/register", wire.RegisterRequest, wire.RegisterResponse],
      ["post", "/v1/edge/heartbeat", wire.HeartbeatRequest, wire.HeartbeatResponse],
      ["post", "/v1/edge/upstreams/acquire", wire.UpstreamLeaseRequest, wire.OkResponse],
      ["post", "/v1/edge/upstreams/release", wire.UpstreamLeaseRequest, wire.OkResponse],
      ["post", "/v1/edge/sessions/end", wire.EndSessionsRequest, wire.OkResponse],
      ["get", "/v1/edge/streams/{type}/{id}/sources", null, wire.SourcesResponse],
      ["get", "/v1/edge/revocations", null, wire.RevocationsResponse],
    ];
    for (const [method, path, request, response] of calls) {
      const operation = op(method, path);
      if (request)
        expect({ path, body: body(operation) }).toEqual({ path, body: jsonSchema(request, "input") });
      expect({ path, ok: ok(operation) }).toEqual({ path, ok: jsonSchema(response, "output") });
    }
    const params = op("get", "/v1/edge/streams/{type}/{id}/sources").parameters ?? [];
    expect(params.find((p) => p.name === "type")?.schema).toEqual({
      type: "string",
      enum: ["live", "vod", "series"],
    });
    expect(op("post", "/v1/edge/upstreams/acquire").responses["503"]).toBeDefined();
  });

  test("refuses what the contract refuses: a stream type it does not know, an unknown field", async () => {
    const node = await registeredNode("edge-contract");
    const session = {
      sid: "v:dev",
      gen: 1,
      viewerId: "v",
      storeId: "s",
      streamId: "ch-a",
      streamType: "movie",
      startedAt: new Date().toISOString(),
    };
    const wrongType = await post(
      "/v1/edge/heartbeat",
      heartbeatBody(node.id, { sessions: [session] }),
      node.auth,
    );
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.code).toBe("validation_failed");
    expect(wrongType.body.errors[0].path).toBe("/sessions/0/streamType");
    const extra = await post("/v1/edge/heartbeat", heartbeatBody(node.id, { colour: "red" }), node.auth);
    expect([extra.status, extra.body.code]).toEqual([400, "validation_failed"]);
    const fine = await post(
      "/v1/edge/heartbeat",
      heartbeatBody(node.id, { sessions: [{ ...session, streamType: "vod" }] }),
      node.auth,
    );
    expect(fine.status).toBe(200);
    expect(wire.HeartbeatResponse.parse(fine.body).status).toBe("active");
  });
});
