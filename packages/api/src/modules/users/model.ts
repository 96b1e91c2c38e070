/**
 * Accounts. A viewer, owner, staff member or affiliate belongs to exactly one store, so the
 * same e-mail at two stores is two accounts; platform admins belong to none.
 */
import { t } from "elysia";
import { enumOf } from "../../auth/enum.ts";
import { type Permission, PermissionSchema } from "../../auth/permissions.ts";
import { ROLES, type Role } from "../../auth/principal.ts";
import type { BaseDoc, CollectionDef } from "../../db/port.ts";

export const USER_STATUSES = ["active", "disabled"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** `scope` of platform accounts, which have no store. */
export const PLATFORM_SCOPE = "platform";

export interface UserDoc extends BaseDoc {
  storeId: string | null;
  /** `storeId`, or "platform" for platform admins: unique indexes skip nulls, so uniqueness is on this. */
  scope: string;
  /** Stored lowercased and trimmed. */
  email: string;
  name: string | null;
  passwordHash: string;
  role: Role;
  permissions: Permission[];
  status: UserStatus;
  emailVerifiedAt: string | null;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
}

export const USERS_COLLECTION: CollectionDef = {
  name: "users",
  indexes: [
    {
      fields: [
        ["scope", 1],
        ["email", 1],
      ],
      unique: true,
    },
    {
      fields: [
        ["storeId", 1],
        ["createdAt", -1],
      ],
    },
  ],
};

/** What the API and other modules see of an account: never the hash. */
export interface User {
  id: string;
  storeId: string | null;
  email: string;
  name: string | null;
  role: Role;
  permissions: Permission[];
  status: UserStatus;
  emailVerified: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toUser(doc: UserDoc): User {
  return {
    id: doc._id,
    storeId: doc.storeId,
    email: doc.email,
    name: doc.name,
    role: doc.role,
    permissions: doc.permissions,
    status: doc.status,
    emailVerified: doc.emailVerifiedAt !== null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const RoleSchema = enumOf(ROLES, { examples: ["viewer"] });

export const UserSchema = t.Object(
  {
    id: t.String(),
    storeId: t.Union([t.String(), t.Null()]),
    email: t.String(),
    name: t.Union([t.String(), t.Null()]),
    role: RoleSchema,
    permissions: t.Array(t.String()),
    status: enumOf(USER_STATUSES),
    emailVerified: t.Boolean(),
    createdAt: t.String({ format: "date-time" }),
    updatedAt: t.String({ format: "date-time" }),
  },
  {
    examples: [
      {
        id: "01jd6y6z0m7q8r9s0t1v2w3x5a",
        storeId: "01jd6y6z0m7q8r9s0t1v2w3x4y",
        email: "staff@acme.example",
        name: "Sam",
        role: "store_staff",
        permissions: ["users.read", "subscriptions.manage"],
        status: "active",
        emailVerified: true,
        createdAt: "2026-11-25T12:00:00.000Z",
        updatedAt: "2026-11-25T12:00:00.000Z",
      },
    ],
  },
);

export const UserPage = t.Object({ items: t.Array(UserSchema), nextCursor: t.Union([t.String(), t.Null()]) });

/** Roles an owner or admin may give inside a store (owners are made with their store). */
export const STORE_ROLES = ["store_staff", "viewer", "affiliate"] as const;

export const CreateUserBody = t.Object(
  {
    email: t.String({ format: "email", maxLength: 254 }),
    password: t.String({ minLength: 10, maxLength: 256 }),
    name: t.Optional(t.String({ minLength: 1, maxLength: 120 })),
    role: enumOf(STORE_ROLES),
    permissions: t.Optional(t.Array(PermissionSchema, { maxItems: 32, uniqueItems: true })),
  },
  {
    additionalProperties: false,
    examples: [
      {
        email: "staff@acme.example",
        password: "correct horse battery",
        role: "store_staff",
        permissions: ["users.read"],
      },
    ],
  },
);

export const UpdateUserBody = t.Object(
  {
    name: t.Optional(t.String({ minLength: 1, maxLength: 120 })),
    role: t.Optional(enumOf(STORE_ROLES)),
    permissions: t.Optional(t.Array(PermissionSchema, { maxItems: 32, uniqueItems: true })),
    status: t.Optional(enumOf(USER_STATUSES)),
  },
  {
    additionalProperties: false,
    examples: [{ role: "store_staff", permissions: ["users.read", "audit.read"] }],
  },
);

export const UserParams = t.Object({ id: t.String({ maxLength: 64 }) });
export const UserListQuery = t.Object({
  role: t.Optional(RoleSchema),
  storeId: t.Optional(t.String({ maxLength: 64, description: "Platform admins: the store to list" })),
  cursor: t.Optional(t.String({ maxLength: 500 })),
  limit: t.Optional(t.Integer({ minimum: 1, maximum: 100 })),
});
