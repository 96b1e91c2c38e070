/**
 * The wire contract between an edge node and the control-plane API (`/v1/edge/*`), defined once:
 * the edge's client validates every response against these schemas, and the API validates its
 * requests and responses with the very same ones (Elysia takes zod as a Standard Schema) and
 * documents them in its OpenAPI from their JSON Schema. Request bodies are strict (an unknown
 * key is refused, as the API always did); nested objects and responses drop unknown keys, so a
 * field added on one side does not break the other.
 */
import { z } from "zod";
import { EDGE_ERROR_STATUS, EDGE_RETRY_AFTER_SECONDS } from "./errors/edge-error.ts";
import { STREAM_FORMATS, STREAM_TYPES } from "./token/claims.ts";

/** A node's state as the API reports it (its admin intent and heartbeat age). */
export const NODE_STATES = ["provisioning", "active", "unhealthy", "draining", "offline"] as const;
export type NodeState = (typeof NODE_STATES)[number];

/**
 * Acquire's refusal: every connection the provider's account allows is in use right now. A
 * temporary lack of capacity, not a conflict the caller could resolve, so 503 with `Retry-After`
 * (the edge answers its viewers the same when no source of a channel has a free slot). Edges
 * switch on the code, so an API still answering 409 is understood too.
 */
export const NO_UPSTREAM_SLOT = {
  code: "no_upstream_slot",
  status: EDGE_ERROR_STATUS.no_upstream_slot,
  retryAfterSeconds: EDGE_RETRY_AFTER_SECONDS.no_upstream_slot,
} as const;

/** Ids and names the API hands out or echoes back. */
const id = (max = 200) => z.string().min(1).max(max);
const count = () => z.number().int().min(0);

/** `POST /v1/edge/register` (no auth; the one-time secret is the proof). */
export const RegisterRequest = z.strictObject({
  nodeId: id(64),
  registrationSecret: z.string().min(16).max(200),
  url: z.url().max(500).meta({ description: "Base URL viewers reach the node at" }),
  version: z.string().min(1).max(40),
});
export const RegisterResponse = z.object({
  nodeId: z.string().min(1),
  credential: z.string().min(16).meta({ description: "Send as `Authorization: Node <nodeId>:<credential>`" }),
});

/** `GET /v1/edge/streams/{type}/{id}/sources` with `Authorization: Node <nodeId>:<credential>`. */
export const SourcesParams = z.object({ type: z.enum(STREAM_TYPES), id: z.string().max(200) });
export const SourcesResponse = z.object({
  streamId: z.string(),
  type: z.enum(STREAM_TYPES),
  sources: z.array(
    z.object({
      id: z.string().min(1),
      url: z.url(),
      format: z.enum(STREAM_FORMATS),
      accountId: z.string().nullable(),
    }),
  ),
});

/**
 * `POST /v1/edge/upstreams/acquire` and `/release`. Acquire answers 200 `{ ok: true }` or the
 * `NO_UPSTREAM_SLOT` problem.
 */
export const UpstreamLeaseRequest = z.strictObject({
  streamId: id(),
  sourceId: id(),
  accountId: z.string().max(200).nullable(),
});
/** The answer of acquire, release and sessions/end. */
export const OkResponse = z.object({ ok: z.literal(true) });

/** `POST /v1/edge/heartbeat`. */
export const HeartbeatRequest = z.strictObject({
  nodeId: id(64),
  version: z.string().max(40),
  cpuPercent: z.number().min(0).meta({
    description: "Process CPU time over wall time since the last beat, as a percentage of the whole machine",
  }),
  memoryBytes: count().meta({ description: "Resident set size of the edge process" }),
  sessions: z
    .array(
      z.object({
        sid: z.string().max(200),
        gen: count().meta({ description: "Route generation of the token that opened the session" }),
        viewerId: z.string().max(200),
        storeId: z.string().max(200),
        streamId: z.string().max(200),
        streamType: z.enum(STREAM_TYPES),
        startedAt: z.string().max(64).meta({ description: "ISO 8601" }),
      }),
    )
    .max(100_000),
  channels: z
    .array(
      z.object({
        streamId: z.string().max(200),
        viewers: count(),
        sourceId: z.string().max(200).nullable(),
        accountId: z.string().max(200).nullable(),
      }),
    )
    .max(100_000),
  upstreams: count().meta({ description: "Live upstream connections open now" }),
  egressBps: z.number().min(0).meta({ description: "Bits per second sent to viewers since the last beat" }),
  droppedViewers: count().meta({ description: "Since the process started" }),
  failovers: count().meta({ description: "Since the process started" }),
  draining: z
    .boolean()
    .optional()
    .meta({ description: "The node is draining itself: it takes no new viewers" }),
});

/** A screen's sessions of generation `upTo` and below must end, and their tokens be refused. */
export const Revocation = z.object({ sid: z.string().min(1), upTo: count() });

export const HeartbeatResponse = z.object({
  status: z.enum(NODE_STATES),
  drain: z.boolean(),
  revokedSessions: z
    .array(Revocation)
    .meta({ description: "Sessions the node reported that must end: their screen was revoked or moved on" }),
});

/**
 * `GET /v1/edge/revocations?after=<ms>`: held open up to ~20 s until screens are revoked
 * (sign-out, kick, plan end, a newer route of the same screen), so nodes end them at once.
 * `after` is the previous answer's `now`; revocations older than the API keeps are lost and
 * the heartbeat catches those sessions instead.
 */
export const RevocationsQuery = z.object({ after: z.coerce.number().int().min(0).optional() });
export const RevocationsResponse = z.object({
  now: z.number().int().meta({ description: "Pass as `after` in the next poll" }),
  revocations: z.array(Revocation),
});

/** `POST /v1/edge/sessions/end` (best effort). */
export const EndSessionsRequest = z.strictObject({
  sessions: z
    .array(z.object({ sid: id(), gen: count() }))
    .min(1)
    .max(10_000),
});

export type RegisterRequest = z.infer<typeof RegisterRequest>;
export type RegisterResponse = z.infer<typeof RegisterResponse>;
export type SourcesResponse = z.infer<typeof SourcesResponse>;
export type UpstreamLeaseRequest = z.infer<typeof UpstreamLeaseRequest>;
export type HeartbeatRequest = z.infer<typeof HeartbeatRequest>;
export type HeartbeatResponse = z.infer<typeof HeartbeatResponse>;
export type EndSessionsRequest = z.infer<typeof EndSessionsRequest>;
export type Revocation = z.infer<typeof Revocation>;
export type RevocationsResponse = z.infer<typeof RevocationsResponse>;
