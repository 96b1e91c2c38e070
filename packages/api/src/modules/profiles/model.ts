/**
 * Viewer profiles: several people sharing one account, each with a name, avatar, language,
 * a kids flag, and optionally a 4-digit PIN (stored only as a hash) that locks the profile.
 */
import { t } from "elysia";
import type { BaseDoc, CollectionDef } from "../../db/port.ts";

export interface ProfileDoc extends BaseDoc {
  storeId: string;
  viewerId: string;
  name: string;
  avatarUrl: string | null;
  kids: boolean;
  language: string | null;
  pinHash: string | null;
  /** `true` on the profile created automatically; a unique index makes that creation race-free. */
  primary: true | null;
  createdAt: string;
  updatedAt: string;
}

export const PROFILES_COLLECTION: CollectionDef = {
  name: "profiles",
  indexes: [
    {
      fields: [
        ["storeId", 1],
        ["viewerId", 1],
        ["createdAt", 1],
      ],
    },
    {
      fields: [
        ["storeId", 1],
        ["viewerId", 1],
        ["primary", 1],
      ],
      unique: true,
    },
  ],
};

export const DEFAULT_MAX_PROFILES = 5;

const Name = t.String({ minLength: 1, maxLength: 50, examples: ["Kids"] });
const AvatarUrl = t.Union([t.String({ format: "uri", pattern: "^https?://", maxLength: 2000 }), t.Null()], {
  examples: ["https://cdn.example.com/avatars/fox.png"],
});
const Language = t.Union([t.String({ pattern: "^[a-z]{2}(?:-[A-Z]{2})?$" }), t.Null()], { examples: ["it"] });
const Pin = t.String({ pattern: "^[0-9]{4}$", description: "Exactly four digits", examples: ["4821"] });

export const ProfileSchema = t.Object(
  {
    id: t.String(),
    name: Name,
    avatarUrl: AvatarUrl,
    kids: t.Boolean(),
    language: Language,
    hasPin: t.Boolean({ description: "A PIN locks this profile; check it with the pin/verify route" }),
    createdAt: t.String({ format: "date-time" }),
    updatedAt: t.String({ format: "date-time" }),
  },
  {
    examples: [
      {
        id: "01jd6y6z0m7c8f2k4n5p6q7r8s",
        name: "Kids",
        avatarUrl: "https://cdn.example.com/avatars/fox.png",
        kids: true,
        language: "it",
        hasPin: false,
        createdAt: "2026-11-25T12:00:00.000Z",
        updatedAt: "2026-11-25T12:00:00.000Z",
      },
    ],
  },
);
export type Profile = typeof ProfileSchema.static;

export const ProfileList = t.Object({
  items: t.Array(ProfileSchema),
  limit: t.Integer({ description: "Most profiles this store allows per viewer" }),
});

export const CreateProfileBody = t.Object(
  {
    name: Name,
    avatarUrl: t.Optional(AvatarUrl),
    kids: t.Optional(t.Boolean()),
    language: t.Optional(Language),
    pin: t.Optional(Pin),
  },
  { additionalProperties: false, examples: [{ name: "Kids", kids: true, pin: "4821" }] },
);
export type CreateProfileInput = typeof CreateProfileBody.static;

export const UpdateProfileBody = t.Object(
  {
    name: t.Optional(Name),
    avatarUrl: t.Optional(AvatarUrl),
    kids: t.Optional(t.Boolean()),
    language: t.Optional(Language),
    pin: t.Optional(t.Union([Pin, t.Null()], { description: "A new PIN, or null to remove it" })),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ name: "Anna", pin: null }] },
);
export type UpdateProfileInput = typeof UpdateProfileBody.static;

export const VerifyPinBody = t.Object(
  { pin: Pin },
  { additionalProperties: false, examples: [{ pin: "4821" }] },
);

export const VerifyPinResult = t.Object({ valid: t.Literal(true) }, { examples: [{ valid: true }] });

export const ProfileParams = t.Object({ id: t.String({ minLength: 1, maxLength: 64 }) });
