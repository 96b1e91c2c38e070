/**
 * API keys: a store's machine credentials with a chosen permission set. Only a SHA-256 digest
 * is stored; the key itself is shown once, at creation.
 */
import { t } from "elysia";
import { type Permission, PermissionSchema } from "../../auth/permissions.ts";
import type { BaseDoc, CollectionDef } from "../../db/port.ts";

export const API_KEY_PREFIX = "nwk_";

export interface ApiKeyDoc extends BaseDoc {
  storeId: string;
  name: string;
  /** The first characters of the key, so people can tell keys apart. */
  prefix: string;
  hash: string;
  permissions: Permission[];
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const API_KEYS_COLLECTION: CollectionDef = {
  name: "api_keys",
  indexes: [
    { fields: [["hash", 1]], unique: true },
    {
      fields: [
        ["storeId", 1],
        ["createdAt", -1],
      ],
    },
  ],
};

export const ApiKeySchema = t.Object(
  {
    id: t.String(),
    storeId: t.String(),
    name: t.String(),
    prefix: t.String(),
    permissions: t.Array(t.String()),
    createdBy: t.Union([t.String(), t.Null()]),
    createdAt: t.String({ format: "date-time" }),
    lastUsedAt: t.Union([t.String({ format: "date-time" }), t.Null()]),
    revokedAt: t.Union([t.String({ format: "date-time" }), t.Null()]),
  },
  {
    examples: [
      {
        id: "01jd6y6z0m7q8r9s0t1v2w3x7c",
        storeId: "01jd6y6z0m7q8r9s0t1v2w3x4y",
        name: "Billing sync",
        prefix: "nwk_3q2xAb",
        permissions: ["subscriptions.manage"],
        createdBy: "01jd6y6z0m7q8r9s0t1v2w3x5a",
        createdAt: "2026-11-25T12:00:00.000Z",
        lastUsedAt: null,
        revokedAt: null,
      },
    ],
  },
);

export const CreatedApiKeySchema = t.Composite([
  ApiKeySchema,
  t.Object({ key: t.String({ description: "The key itself; shown only in this response" }) }),
]);

export const CreateApiKeyBody = t.Object(
  {
    name: t.String({ minLength: 1, maxLength: 80 }),
    permissions: t.Array(PermissionSchema, { minItems: 1, maxItems: 32, uniqueItems: true }),
  },
  {
    additionalProperties: false,
    examples: [{ name: "Billing sync", permissions: ["subscriptions.manage"] }],
  },
);

export const ApiKeyParams = t.Object({ id: t.String({ maxLength: 64 }) });
export const ApiKeyListQuery = t.Object({
  storeId: t.Optional(t.String({ maxLength: 64, description: "Platform admins: the store to list" })),
  includeRevoked: t.Optional(t.Boolean()),
});

export function toApiKey(doc: ApiKeyDoc) {
  return {
    id: doc._id,
    storeId: doc.storeId,
    name: doc.name,
    prefix: doc.prefix,
    permissions: doc.permissions,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
    lastUsedAt: doc.lastUsedAt,
    revokedAt: doc.revokedAt,
  };
}
