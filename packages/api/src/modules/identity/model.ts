/**
 * Sessions (one refresh-token family per login on one device), refresh tokens and single-use
 * e-mail tokens: stored shapes, collections and API schemas of the auth routes.
 */
import { t } from "elysia";
import { enumOf } from "../../auth/enum.ts";
import type { BaseDoc, CollectionDef } from "../../db/port.ts";
import { UserSchema } from "../users/mod.ts";

export const DEVICE_KINDS = ["web", "desktop", "tv", "mobile", "player"] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export interface Device {
  name: string;
  kind: DeviceKind;
}

/**
 * The account a pending session shows in place of a real one: registration with an e-mail
 * that already has an account here answers like a new account (see `register.ts`), and its
 * session stands for this, with `userId` an id no account has.
 */
export interface PendingAccount {
  email: string;
  name: string | null;
}

export interface SessionDoc extends BaseDoc {
  userId: string;
  storeId: string | null;
  device: Device;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
  /** Set on the session of a registration whose e-mail was taken: it may do next to nothing. */
  pendingAccount?: PendingAccount;
}

export interface RefreshTokenDoc extends BaseDoc {
  sessionId: string;
  userId: string;
  /** SHA-256 of the token; the token itself is never stored. */
  hash: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export type EmailTokenPurpose = "verify_email" | "reset_password";

export interface EmailTokenDoc extends BaseDoc {
  purpose: EmailTokenPurpose;
  userId: string;
  storeId: string | null;
  hash: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export const SESSIONS_COLLECTION: CollectionDef = {
  name: "auth_sessions",
  indexes: [
    {
      fields: [
        ["userId", 1],
        ["createdAt", -1],
      ],
    },
  ],
};

export const REFRESH_TOKENS_COLLECTION: CollectionDef = {
  name: "auth_refresh_tokens",
  indexes: [{ fields: [["hash", 1]], unique: true }, { fields: [["sessionId", 1]] }],
};

export const EMAIL_TOKENS_COLLECTION: CollectionDef = {
  name: "auth_email_tokens",
  indexes: [{ fields: [["hash", 1]], unique: true }, { fields: [["userId", 1]] }],
};

const Email = t.String({ format: "email", maxLength: 254, examples: ["viewer@example.com"] });
const Password = t.String({
  minLength: 10,
  maxLength: 256,
  description:
    "At least 10 characters (after NFKC), any script, passphrases welcome; refused with a weak_password " +
    "problem naming the rule when it is a common password, a repeated or sequential run, holds control " +
    "characters, or contains the account's e-mail or the store's name",
  examples: ["correct horse battery"],
});
const LoginPassword = t.String({ minLength: 1, maxLength: 256, examples: ["correct horse battery"] });

export const DeviceSchema = t.Object(
  {
    name: t.String({ minLength: 1, maxLength: 80, examples: ["Living-room TV"] }),
    kind: enumOf(DEVICE_KINDS, { examples: ["tv"] }),
  },
  { additionalProperties: false },
);

export const LoginBody = t.Object(
  { email: Email, password: LoginPassword, device: DeviceSchema },
  {
    additionalProperties: false,
    examples: [
      {
        email: "viewer@example.com",
        password: "correct horse battery",
        device: { name: "Chrome", kind: "web" },
      },
    ],
  },
);

export const RegisterBody = t.Object(
  {
    email: Email,
    password: Password,
    name: t.Optional(t.String({ minLength: 1, maxLength: 120 })),
    device: DeviceSchema,
  },
  {
    additionalProperties: false,
    examples: [
      {
        email: "viewer@example.com",
        password: "correct horse battery",
        device: { name: "Chrome", kind: "web" },
      },
    ],
  },
);

export const RefreshBody = t.Object(
  { refreshToken: t.String({ minLength: 10, maxLength: 200 }) },
  { additionalProperties: false, examples: [{ refreshToken: "nwr_Qm9vZ…" }] },
);

export const ChangePasswordBody = t.Object(
  { currentPassword: LoginPassword, newPassword: Password },
  {
    additionalProperties: false,
    examples: [{ currentPassword: "old horse battery", newPassword: "new horse battery" }],
  },
);

export const TokenBody = t.Object(
  { token: t.String({ minLength: 10, maxLength: 200 }) },
  { additionalProperties: false, examples: [{ token: "nwe_Qm9vZ…" }] },
);

export const ResetRequestBody = t.Object(
  { email: Email },
  { additionalProperties: false, examples: [{ email: "viewer@example.com" }] },
);

export const ResetConfirmBody = t.Object(
  { token: t.String({ minLength: 10, maxLength: 200 }), newPassword: Password },
  { additionalProperties: false, examples: [{ token: "nwp_Qm9vZ…", newPassword: "new horse battery" }] },
);

export const SessionTokensSchema = t.Object(
  {
    accessToken: t.String(),
    tokenType: t.Literal("Bearer"),
    expiresIn: t.Integer({ description: "Seconds until the access token expires" }),
    refreshToken: t.String({ description: "Opaque; single use: each refresh returns a new one" }),
    sessionId: t.String(),
    user: UserSchema,
  },
  {
    examples: [
      {
        accessToken: "eyJhbGciOiJIUzI1NiJ9…",
        tokenType: "Bearer",
        expiresIn: 900,
        refreshToken: "nwr_Qm9vZ…",
        sessionId: "01jd6y6z0m7q8r9s0t1v2w3x6b",
        user: UserSchema.examples?.[0],
      },
    ],
  },
);

export const DeviceSessionSchema = t.Object(
  {
    id: t.String(),
    device: t.Object({ name: t.String(), kind: t.String() }),
    current: t.Boolean(),
    ip: t.Union([t.String(), t.Null()]),
    userAgent: t.Union([t.String(), t.Null()]),
    createdAt: t.String({ format: "date-time" }),
    lastUsedAt: t.String({ format: "date-time" }),
  },
  {
    examples: [
      {
        id: "01jd6y6z0m7q8r9s0t1v2w3x6b",
        device: { name: "Living-room TV", kind: "tv" },
        current: false,
        ip: "203.0.113.7",
        userAgent: "NeveWatch-TV/1.0",
        createdAt: "2026-11-25T12:00:00.000Z",
        lastUsedAt: "2026-11-25T12:30:00.000Z",
      },
    ],
  },
);

export const Accepted = t.Object({ status: t.Literal("accepted") }, { examples: [{ status: "accepted" }] });
