/**
 * A stub control-plane API speaking the edge wire contract (`src/api-contract.ts`) with in-memory
 * state, for tests and the benchmark: registration with one-time secrets, node auth, sources,
 * per-account upstream slots, heartbeats (with drain and revocations to hand back) and session ends.
 */
import {
  EndSessionsRequest,
  HeartbeatRequest,
  NO_UPSTREAM_SLOT,
  RegisterRequest,
  type SourcesResponse,
  UpstreamLeaseRequest,
} from "../src/api-contract.ts";

type SourceList = SourcesResponse["sources"];

export interface StubApi {
  url: string;
  /** One-time registration secrets per node id. */
  secrets: Map<string, string>;
  credentials: Map<string, string>;
  /** Sources by "type/streamId". */
  sources: Map<string, SourceList>;
  /** Max concurrent upstream connections per account. */
  accountLimits: Map<string, number>;
  leases: Map<string, number>;
  heartbeats: HeartbeatRequest[];
  endedSessions: string[];
  calls: string[];
  drain: boolean;
  revoke: string[];
  /** Screen ids the revocations long poll hands out next. */
  push: string[];
  /** While true, every request gets 503 (the API is "down"). */
  down: boolean;
  stop(): Promise<void>;
}

function problem(status: number, code: string, detail: string): Response {
  return new Response(
    JSON.stringify({ type: `https://nevewatch.dev/problems/${code}`, title: code, status, detail, code }),
    {
      status,
      headers: { "content-type": "application/problem+json" },
    },
  );
}

export function startStubApi(): StubApi {
  const api: StubApi = {
    url: "",
    secrets: new Map(),
    credentials: new Map(),
    sources: new Map(),
    accountLimits: new Map(),
    leases: new Map(),
    heartbeats: [],
    endedSessions: [],
    calls: [],
    drain: false,
    revoke: [],
    push: [],
    down: false,
    stop: async () => {},
  };

  function authorized(request: Request): boolean {
    const match = /^Node ([^:]+):(.+)$/.exec(request.headers.get("authorization") ?? "");
    return match !== null && match[1] !== undefined && api.credentials.get(match[1]) === match[2];
  }

  async function handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    api.calls.push(`${request.method} ${path}`);
    if (api.down) return problem(503, "unavailable", "API is down");
    if (request.method === "POST" && path === "/v1/edge/register") {
      const body = RegisterRequest.safeParse(await request.json());
      if (!body.success) return problem(400, "validation_failed", "Bad register body");
      const secret = api.secrets.get(body.data.nodeId);
      if (secret === undefined)
        return problem(409, "conflict", "Registration secret already used or unknown");
      if (secret !== body.data.registrationSecret)
        return problem(401, "unauthorized", "Wrong registration secret");
      api.secrets.delete(body.data.nodeId);
      const credential = `cred-${crypto.randomUUID()}`;
      api.credentials.set(body.data.nodeId, credential);
      return Response.json({ nodeId: body.data.nodeId, credential });
    }
    if (!authorized(request)) return problem(401, "unauthorized", "Node credential required");
    const sources = /^\/v1\/edge\/streams\/(live|vod|series)\/([^/]+)\/sources$/.exec(path);
    if (request.method === "GET" && sources?.[1] !== undefined && sources[2] !== undefined) {
      const list = api.sources.get(`${sources[1]}/${decodeURIComponent(sources[2])}`);
      if (list === undefined) return problem(404, "not_found", "Unknown stream");
      return Response.json({ streamId: sources[2], type: sources[1], sources: list });
    }
    if (
      request.method === "POST" &&
      (path === "/v1/edge/upstreams/acquire" || path === "/v1/edge/upstreams/release")
    ) {
      const body = UpstreamLeaseRequest.safeParse(await request.json());
      if (!body.success) return problem(400, "validation_failed", "Bad lease body");
      const account = body.data.accountId ?? "none";
      const held = api.leases.get(account) ?? 0;
      if (path.endsWith("/release")) {
        api.leases.set(account, Math.max(0, held - 1));
        return Response.json({ ok: true });
      }
      if (held >= (api.accountLimits.get(account) ?? Number.POSITIVE_INFINITY)) {
        return problem(NO_UPSTREAM_SLOT.status, NO_UPSTREAM_SLOT.code, "Account has no free connection");
      }
      api.leases.set(account, held + 1);
      return Response.json({ ok: true });
    }
    if (request.method === "POST" && path === "/v1/edge/heartbeat") {
      const body = HeartbeatRequest.safeParse(await request.json());
      if (!body.success) return problem(400, "validation_failed", body.error.message);
      api.heartbeats.push(body.data);
      const revoked = api.revoke;
      api.revoke = [];
      return Response.json({
        status: api.drain ? "draining" : "active",
        drain: api.drain,
        revokedSessions: revoked.map((sid) => ({ sid, upTo: Number.MAX_SAFE_INTEGER })),
      });
    }
    if (request.method === "GET" && path === "/v1/edge/revocations") {
      // A short hold stands in for the API's long poll; pushed revocations go out at once.
      for (let waited = 0; waited < 500 && api.push.length === 0; waited += 50) await Bun.sleep(50);
      const pushed = api.push;
      api.push = [];
      return Response.json({
        now: Date.now(),
        revocations: pushed.map((sid) => ({ sid, upTo: Number.MAX_SAFE_INTEGER })),
      });
    }
    if (request.method === "POST" && path === "/v1/edge/sessions/end") {
      const body = EndSessionsRequest.safeParse(await request.json());
      if (!body.success) return problem(400, "validation_failed", "Bad end body");
      api.endedSessions.push(...body.data.sessions.map((s) => s.sid));
      return new Response(null, { status: 204 });
    }
    return problem(404, "route_not_found", `No route ${path}`);
  }

  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: handle });
  api.url = `http://127.0.0.1:${server.port}`;
  api.stop = async () => {
    await server.stop(true);
  };
  return api;
}
