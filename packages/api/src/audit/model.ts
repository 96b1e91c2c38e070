/**
 * Audit entries: who did what to which object, with the before/after picture.
 */
import { t } from "elysia";
import type { BaseDoc, CollectionDef } from "../db/port.ts";

export interface AuditEntry extends BaseDoc {
  at: string;
  actorId: string | null;
  actorKind: "user" | "api_key" | "node" | "system";
  role: string | null;
  /** The store the action concerns; null for platform-level actions. */
  storeId: string | null;
  /** Dotted verb, e.g. `store.create`, `subscription.grant`, `auth.login_failed`. */
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

export const AUDIT_COLLECTION: CollectionDef = {
  name: "audit_log",
  indexes: [
    {
      fields: [
        ["storeId", 1],
        ["at", -1],
      ],
    },
    {
      fields: [
        ["action", 1],
        ["at", -1],
      ],
    },
    {
      fields: [
        ["targetId", 1],
        ["at", -1],
      ],
    },
  ],
};

export const AuditEntrySchema = t.Object(
  {
    id: t.String(),
    at: t.String({ format: "date-time" }),
    actorId: t.Union([t.String(), t.Null()]),
    actorKind: t.String(),
    actorName: t.Union([t.String(), t.Null()], {
      description: "The actor as a person reads it: an account's name and e-mail, an API key's name",
    }),
    role: t.Union([t.String(), t.Null()]),
    storeId: t.Union([t.String(), t.Null()]),
    action: t.String(),
    targetType: t.Union([t.String(), t.Null()]),
    targetId: t.Union([t.String(), t.Null()]),
    targetName: t.Union([t.String(), t.Null()], {
      description: "What was acted on, by name, where it still exists and the reader may see it",
    }),
    before: t.Unknown(),
    after: t.Unknown(),
    ip: t.Union([t.String(), t.Null()]),
    requestId: t.Union([t.String(), t.Null()]),
  },
  {
    examples: [
      {
        id: "0193a1f2-7c3e-7000-8000-000000000001",
        at: "2026-11-25T12:00:00.000Z",
        actorId: "0193a1f2-7c3e-7000-8000-0000000000aa",
        actorKind: "user",
        actorName: "Ana Ruiz (ana@example.com)",
        role: "store_owner",
        storeId: "0193a1f2-7c3e-7000-8000-0000000000bb",
        action: "subscription.grant",
        targetType: "user",
        targetId: "0193a1f2-7c3e-7000-8000-0000000000cc",
        targetName: "Leo Park (leo@example.com)",
        before: null,
        after: { planId: "p1", expiresAt: "2026-12-25T12:00:00.000Z" },
        ip: "203.0.113.7",
        requestId: "req-1",
      },
    ],
  },
);
