/**
 * The wire contract between an edge node and the control-plane API (`/v1/edge/*`). The edge's
 * client validates every response against these schemas; the API can import them (via `mod.ts`)
 * to validate requests, so both sides share one definition.
 */
import { z } from "zod";
import { STREAM_FORMATS, STREAM_TYPES } from "./token/claims.ts";

/** `POST /v1/edge/register` (no auth; the one-time secret is the proof). */
export const RegisterRequest = z.object({
  nodeId: z.string().min(1),
  registrationSecret: z.string().min(1),
  url: z.url(),
  version: z.string().min(1),
});
export const RegisterResponse = z.object({ nodeId: z.string().min(1), credential: z.string().min(16) });

/** `GET /v1/edge/streams/{type}/{id}/sources` with `Authorization: Node <nodeId>:<credential>`. */
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

/** `POST /v1/edge/upstreams/acquire` and `/release`. Acquire answers 200 `{ ok: true }` or 409 `no_upstream_slot`. */
export const UpstreamLeaseRequest = z.object({
  streamId: z.string().min(1),
  sourceId: z.string().min(1),
  accountId: z.string().nullable(),
});
export const UpstreamLeaseResponse = z.object({ ok: z.literal(true) });

/** `POST /v1/edge/heartbeat`. */
export const HeartbeatRequest = z.object({
  nodeId: z.string(),
  version: z.string(),
  /** Process CPU time over wall time since the last beat, as a percentage of the whole machine (0-100). */
  cpuPercent: z.number().min(0),
  /** Resident set size of the edge process. */
  memoryBytes: z.number().int().min(0),
  sessions: z.array(
    z.object({
      sid: z.string(),
      /** Route generation of the token that opened the session. */
      gen: z.number().int().min(0),
      viewerId: z.string(),
      storeId: z.string(),
      streamId: z.string(),
      streamType: z.enum(STREAM_TYPES),
      /** ISO 8601. */
      startedAt: z.string(),
    }),
  ),
  channels: z.array(
    z.object({
      streamId: z.string(),
      viewers: z.number().int().min(0),
      sourceId: z.string().nullable(),
      accountId: z.string().nullable(),
    }),
  ),
  /** Live upstream connections open now. */
  upstreams: z.number().int().min(0),
  /** Bits per second sent to viewers since the last beat. */
  egressBps: z.number().min(0),
  /** Totals since the process started. */
  droppedViewers: z.number().int().min(0),
  failovers: z.number().int().min(0),
  draining: z.boolean(),
});
/** A screen's sessions of generation `upTo` and below must end, and their tokens be refused. */
export const Revocation = z.object({ sid: z.string().min(1), upTo: z.number().int().min(0) });

export const HeartbeatResponse = z.object({
  status: z.string(),
  drain: z.boolean(),
  /** Sessions the node reported that must end: their screen was revoked or moved on. */
  revokedSessions: z.array(Revocation),
});

/**
 * `GET /v1/edge/revocations?after=<ms>`: held open up to ~20 s until screens are revoked
 * (sign-out, kick, plan end, a newer route of the same screen), so nodes end them at once.
 * `after` is the previous answer's `now`; revocations older than the API keeps are lost and
 * the heartbeat catches those sessions instead.
 */
export const RevocationsResponse = z.object({ now: z.number().int(), revocations: z.array(Revocation) });

/** `POST /v1/edge/sessions/end` (best effort). */
export const EndSessionsRequest = z.object({
  sessions: z
    .array(z.object({ sid: z.string().min(1), gen: z.number().int().min(0) }))
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
