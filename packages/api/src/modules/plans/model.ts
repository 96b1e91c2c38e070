/**
 * Plans: what a store sells. Prices are integer minor units (cents) with an ISO 4217 currency;
 * `packageIds` link to channel packages the catalog defines; each must be one of the store's.
 */
import { t } from "elysia";
import type { BaseDoc, CollectionDef } from "../../db/port.ts";
import { refId } from "../../tenancy/ref-kinds.ts";

export interface PlanDoc extends BaseDoc {
  storeId: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  durationDays: number;
  screens: number;
  trialDays: number;
  packageIds: string[];
  active: boolean;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
}

export const PLANS_COLLECTION: CollectionDef = {
  name: "plans",
  indexes: [
    {
      fields: [
        ["storeId", 1],
        ["sortOrder", 1],
      ],
    },
    {
      fields: [
        ["storeId", 1],
        ["active", 1],
        ["sortOrder", 1],
      ],
    },
  ],
};

const EXAMPLE_ID = "01jd6y6z0m7c8f2k4n5p6q7r8s";

const fields = {
  name: t.String({ minLength: 1, maxLength: 100, examples: ["Premium"] }),
  description: t.String({ maxLength: 2000, examples: ["Every channel in HD on up to 3 screens"] }),
  price: t.Integer({
    minimum: 0,
    maximum: 100_000_000,
    description: "Minor units (cents)",
    examples: [1299],
  }),
  currency: t.String({ pattern: "^[A-Z]{3}$", description: "ISO 4217 code", examples: ["EUR"] }),
  durationDays: t.Integer({ minimum: 1, maximum: 3660, examples: [30] }),
  screens: t.Integer({ minimum: 1, maximum: 50, description: "Concurrent streams", examples: [3] }),
  trialDays: t.Integer({ minimum: 0, maximum: 365, examples: [7] }),
  packageIds: t.Array(refId("package"), {
    maxItems: 500,
    uniqueItems: true,
    description: "Channel packages of this store (defined by the catalog)",
    examples: [["pkg-news", "pkg-sports"]],
  }),
  active: t.Boolean({ description: "Only active plans are offered on the storefront", examples: [true] }),
  sortOrder: t.Integer({ minimum: -1_000_000, maximum: 1_000_000, examples: [10] }),
};

const example = {
  id: EXAMPLE_ID,
  name: "Premium",
  description: "Every channel in HD on up to 3 screens",
  price: 1299,
  currency: "EUR",
  durationDays: 30,
  screens: 3,
  trialDays: 7,
  packageIds: ["pkg-news", "pkg-sports"],
  active: true,
  sortOrder: 10,
  createdAt: "2026-11-25T12:00:00.000Z",
  updatedAt: "2026-11-25T12:00:00.000Z",
};

export const PlanSchema = t.Object(
  {
    id: t.String(),
    ...fields,
    createdAt: t.String({ format: "date-time" }),
    updatedAt: t.String({ format: "date-time" }),
  },
  { examples: [example] },
);
export type Plan = typeof PlanSchema.static;

export const PublicPlanSchema = t.Object(
  {
    id: t.String(),
    name: fields.name,
    description: fields.description,
    price: fields.price,
    currency: fields.currency,
    durationDays: fields.durationDays,
    screens: fields.screens,
    trialDays: fields.trialDays,
    packageIds: fields.packageIds,
  },
  {
    examples: [
      {
        id: EXAMPLE_ID,
        name: "Premium",
        description: "Every channel in HD on up to 3 screens",
        price: 1299,
        currency: "EUR",
        durationDays: 30,
        screens: 3,
        trialDays: 7,
        packageIds: ["pkg-news", "pkg-sports"],
      },
    ],
  },
);
export type PublicPlan = typeof PublicPlanSchema.static;

export const CreatePlanBody = t.Object(
  {
    name: fields.name,
    description: t.Optional(fields.description),
    price: fields.price,
    currency: fields.currency,
    durationDays: fields.durationDays,
    screens: fields.screens,
    trialDays: t.Optional(fields.trialDays),
    packageIds: t.Optional(fields.packageIds),
    active: t.Optional(fields.active),
    sortOrder: t.Optional(fields.sortOrder),
  },
  {
    additionalProperties: false,
    examples: [
      {
        name: "Premium",
        price: 1299,
        currency: "EUR",
        durationDays: 30,
        screens: 3,
        trialDays: 7,
        packageIds: ["pkg-news", "pkg-sports"],
      },
    ],
  },
);
export type CreatePlanInput = typeof CreatePlanBody.static;

export const UpdatePlanBody = t.Partial(t.Object(fields), {
  additionalProperties: false,
  minProperties: 1,
  examples: [{ price: 1499, active: false }],
});
export type UpdatePlanInput = typeof UpdatePlanBody.static;

export const PlanParams = t.Object({ id: t.String({ minLength: 1, maxLength: 64 }) });

export const PlanListQuery = t.Object({
  cursor: t.Optional(t.String({ maxLength: 500 })),
  limit: t.Optional(t.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

export const PlanPage = t.Object({ items: t.Array(PlanSchema), nextCursor: t.Union([t.String(), t.Null()]) });
export const PublicPlanList = t.Object({ items: t.Array(PublicPlanSchema) });
