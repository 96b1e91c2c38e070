/**
 * Streaming nodes: the registry the route selection reads. A node is global (all stores)
 * or private to one store; its state follows from admin actions and heartbeat age. The nodes'
 * own calls (`/v1/edge/*`) take and answer the edge's wire contract (`edgeApiContract`), not
 * shapes of their own.
 */
import { NODE_STATES, type NodeState } from "@nevewatch/edge";
import { t } from "elysia";
import type { BaseDoc, CollectionDef } from "../../db/port.ts";

// A node's state is on the wire (the heartbeat's answer), so the edge contract defines it.
export { NODE_STATES, type NodeState };

export interface ChannelLoad {
  streamId: string;
  viewers: number;
  sourceId: string | null;
  accountId: string | null;
}

export interface NodeLoad {
  cpuPercent: number;
  memoryBytes: number;
  sessions: number;
  upstreams: number;
  egressBps: number;
  droppedViewers: number;
  failovers: number;
  channels: ChannelLoad[];
}

export interface StreamingNode extends BaseDoc {
  name: string;
  scope: "global" | "store";
  storeId: string | null;
  /** Base URL viewers reach the node at (the edge's routes hang below it). */
  url: string | null;
  maxStreams: number;
  egressMbps: number;
  /** Admin intent: drained nodes get no new viewers; removed nodes are kept for history. */
  admin: "enabled" | "draining" | "removed";
  /** The node itself reported it is draining (shutting down). */
  selfDraining?: boolean;
  registrationHash: string | null;
  registrationExpiresAt: string | null;
  credentialHash: string | null;
  lastHeartbeatAt: string | null;
  version: string | null;
  load: NodeLoad | null;
  createdAt: string;
}

export const NODES_COLLECTION: CollectionDef = {
  name: "streaming_nodes",
  indexes: [
    { fields: [["storeId", 1]] },
    { fields: [["credentialHash", 1]] },
    { fields: [["registrationHash", 1]] },
  ],
};

const NodeLoadSchema = t.Object({
  cpuPercent: t.Number(),
  memoryBytes: t.Number(),
  sessions: t.Integer(),
  upstreams: t.Integer(),
  egressBps: t.Number(),
  droppedViewers: t.Integer(),
  failovers: t.Integer(),
  channels: t.Array(
    t.Object({
      streamId: t.String(),
      viewers: t.Integer(),
      sourceId: t.Union([t.String(), t.Null()]),
      accountId: t.Union([t.String(), t.Null()]),
    }),
  ),
});

export const NodeSchema = t.Object(
  {
    id: t.String(),
    name: t.String(),
    scope: t.Union([t.Literal("global"), t.Literal("store")]),
    storeId: t.Union([t.String(), t.Null()]),
    url: t.Union([t.String(), t.Null()]),
    maxStreams: t.Integer(),
    egressMbps: t.Number(),
    state: t.UnionEnum([...NODE_STATES]),
    lastHeartbeatAt: t.Union([t.String(), t.Null()]),
    version: t.Union([t.String(), t.Null()]),
    load: t.Union([NodeLoadSchema, t.Null()]),
    createdAt: t.String(),
  },
  {
    examples: [
      {
        id: "0193a1f2-7c3e-7000-8000-00000000e001",
        name: "edge-fra-1",
        scope: "global",
        storeId: null,
        url: "https://edge-fra-1.example.net",
        maxStreams: 1000,
        egressMbps: 10000,
        state: "active",
        lastHeartbeatAt: "2026-11-25T12:00:00.000Z",
        version: "0.1.0",
        load: null,
        createdAt: "2026-11-25T11:00:00.000Z",
      },
    ],
  },
);

export const CreateNodeBody = t.Object(
  {
    name: t.String({ minLength: 1, maxLength: 80 }),
    scope: t.Union([t.Literal("global"), t.Literal("store")]),
    storeId: t.Optional(t.String({ minLength: 1, maxLength: 64 })),
    maxStreams: t.Integer({ minimum: 1, maximum: 1_000_000 }),
    egressMbps: t.Number({ minimum: 1, maximum: 1_000_000 }),
  },
  {
    additionalProperties: false,
    examples: [{ name: "edge-fra-1", scope: "store", maxStreams: 1000, egressMbps: 10000 }],
  },
);

export const CreatedNodeSchema = t.Object({
  node: NodeSchema,
  registrationSecret: t.String({
    description: "One-time secret the node exchanges for its credential; shown once",
  }),
  registrationExpiresAt: t.String(),
});
