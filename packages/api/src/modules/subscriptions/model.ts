/**
 * Subscriptions: which plan a viewer holds in a store, until when, and every status change.
 * `current` is `true` while the subscription is active or suspended and null once it ended;
 * a unique index on (storeId, viewerId, current) keeps one current subscription per viewer.
 */
import { t } from "elysia";
import type { BaseDoc, CollectionDef } from "../../db/port.ts";
import { refId } from "../../tenancy/ref-kinds.ts";

export const SUBSCRIPTION_STATUSES = ["active", "suspended", "expired", "revoked"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const SUBSCRIPTION_ACTIONS = [
  "grant",
  "trial",
  "extend",
  "suspend",
  "resume",
  "revoke",
  "expire",
] as const;
export type SubscriptionAction = (typeof SUBSCRIPTION_ACTIONS)[number];

export interface HistoryEntry {
  at: string;
  action: SubscriptionAction;
  status: SubscriptionStatus;
  endsAt: string;
  /** Null when the system acted (the expiry job); the viewer for a trial they started. */
  actorId: string | null;
  note: string | null;
}

export interface SubscriptionDoc extends BaseDoc {
  storeId: string;
  viewerId: string;
  planId: string;
  status: SubscriptionStatus;
  current: true | null;
  startsAt: string;
  endsAt: string;
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

export const SUBSCRIPTIONS_COLLECTION: CollectionDef = {
  name: "subscriptions",
  indexes: [
    {
      fields: [
        ["storeId", 1],
        ["viewerId", 1],
        ["current", 1],
      ],
      unique: true,
    },
    {
      fields: [
        ["storeId", 1],
        ["viewerId", 1],
        ["createdAt", -1],
      ],
    },
    {
      fields: [
        ["storeId", 1],
        ["planId", 1],
        ["current", 1],
      ],
    },
    {
      fields: [
        ["current", 1],
        ["endsAt", 1],
      ],
    },
  ],
};

const ID = "01jd6y6z0m7c8f2k4n5p6q7r8s";
const VIEWER = "01jd6y6z0m7c8f2k4n5p6q7r90";
const PLAN = "01jd6y6z0m7c8f2k4n5p6q7r91";

const Status = t.UnionEnum([...SUBSCRIPTION_STATUSES], { examples: ["active"] });
const Note = t.String({ minLength: 1, maxLength: 500, examples: ["Paid in cash at the shop"] });
const DateTime = t.String({ format: "date-time", examples: ["2026-12-25T12:00:00.000Z"] });

export const HistoryEntrySchema = t.Object({
  at: DateTime,
  action: t.UnionEnum([...SUBSCRIPTION_ACTIONS]),
  status: Status,
  endsAt: DateTime,
  actorId: t.Union([t.String(), t.Null()]),
  note: t.Union([t.String(), t.Null()]),
});

export const SubscriptionSchema = t.Object(
  {
    id: t.String(),
    viewerId: t.String(),
    planId: t.String(),
    status: Status,
    current: t.Boolean({ description: "True while active or suspended" }),
    startsAt: DateTime,
    endsAt: DateTime,
    history: t.Array(HistoryEntrySchema),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  {
    examples: [
      {
        id: ID,
        viewerId: VIEWER,
        planId: PLAN,
        status: "active",
        current: true,
        startsAt: "2026-11-25T12:00:00.000Z",
        endsAt: "2026-12-25T12:00:00.000Z",
        history: [
          {
            at: "2026-11-25T12:00:00.000Z",
            action: "grant",
            status: "active",
            endsAt: "2026-12-25T12:00:00.000Z",
            actorId: "01jd6y6z0m7c8f2k4n5p6q7r92",
            note: null,
          },
        ],
        createdAt: "2026-11-25T12:00:00.000Z",
        updatedAt: "2026-11-25T12:00:00.000Z",
      },
    ],
  },
);
export type Subscription = typeof SubscriptionSchema.static;

/** What viewers see of their own subscription: no history, no staff ids. */
export const MySubscriptionSchema = t.Object(
  {
    subscription: t.Union([
      t.Object({
        id: t.String(),
        status: Status,
        startsAt: DateTime,
        endsAt: DateTime,
        plan: t.Union([t.Object({ id: t.String(), name: t.String(), screens: t.Integer() }), t.Null()]),
      }),
      t.Null(),
    ]),
  },
  {
    examples: [
      {
        subscription: {
          id: ID,
          status: "active",
          startsAt: "2026-11-25T12:00:00.000Z",
          endsAt: "2026-12-25T12:00:00.000Z",
          plan: { id: PLAN, name: "Premium", screens: 3 },
        },
      },
    ],
  },
);
export type MySubscription = typeof MySubscriptionSchema.static;

export const GrantBody = t.Object(
  {
    viewerId: refId("viewer"),
    planId: refId("plan"),
    endsAt: t.Optional(
      t.String({ format: "date-time", description: "Custom expiry; default: now + the plan's durationDays" }),
    ),
    note: t.Optional(Note),
  },
  { additionalProperties: false, examples: [{ viewerId: VIEWER, planId: PLAN, note: "Paid in cash" }] },
);
export type GrantInput = typeof GrantBody.static;

export const ExtendBody = t.Object(
  { days: t.Integer({ minimum: 1, maximum: 3660 }), note: t.Optional(Note) },
  { additionalProperties: false, examples: [{ days: 30, note: "Goodwill after the outage" }] },
);

export const NoteBody = t.Object(
  { note: t.Optional(Note) },
  { additionalProperties: false, examples: [{ note: "Chargeback under review" }] },
);

export const SubscriptionParams = t.Object({ id: t.String({ minLength: 1, maxLength: 64 }) });

export const SubscriptionListQuery = t.Object({
  viewerId: t.Optional(t.String({ maxLength: 64 })),
  status: t.Optional(Status),
  cursor: t.Optional(t.String({ maxLength: 500 })),
  limit: t.Optional(t.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

export const SubscriptionPage = t.Object({
  items: t.Array(SubscriptionSchema),
  nextCursor: t.Union([t.String(), t.Null()]),
});

/**
 * A free trial taken: one marker per normalised e-mail and one per device id, each stored as a
 * hash (never the value), so a store's trial is given once per person and per device.
 */
export interface TrialDoc extends BaseDoc {
  storeId: string;
  /** `email:<sha256>` or `device:<sha256>`. */
  marker: string;
  viewerId: string;
  planId: string;
  createdAt: string;
}

export const TRIALS_COLLECTION: CollectionDef = {
  name: "subscription_trials",
  indexes: [
    {
      fields: [
        ["storeId", 1],
        ["marker", 1],
      ],
      unique: true,
    },
  ],
};

const DeviceId = t.String({
  minLength: 8,
  maxLength: 128,
  pattern: "^[A-Za-z0-9._:-]+$",
  description: "A stable id the client keeps for this device (the web app: a random UUID in localStorage)",
  examples: ["3b241101-e2bb-4255-8caf-4136c566a962"],
});

export const StartTrialBody = t.Object(
  { planId: refId("plan"), deviceId: DeviceId },
  {
    additionalProperties: false,
    examples: [{ planId: PLAN, deviceId: "3b241101-e2bb-4255-8caf-4136c566a962" }],
  },
);
export type StartTrialInput = typeof StartTrialBody.static;

export const TrialQuery = t.Object({ deviceId: DeviceId });

export const TrialStatusSchema = t.Object(
  {
    available: t.Boolean({ description: "True when this viewer on this device may start a free trial" }),
    reason: t.Union([t.Literal("trial_used"), t.Literal("subscription_exists"), t.Null()], {
      description: "Why not: a trial was taken by this e-mail or device, or a plan is current",
    }),
  },
  { examples: [{ available: true, reason: null }] },
);
export type TrialStatus = typeof TrialStatusSchema.static;
