/**
 * Stores (tenants) and their custom domains: stored shapes, collections and API schemas.
 */
import { t } from "elysia";
import { enumOf } from "../../auth/enum.ts";
import { type Branding, STORE_STATUSES, type StoreDoc, type StoreSettings, THEMES } from "../tenancy/mod.ts";

export {
  type Branding,
  STORE_STATUSES,
  STORES_COLLECTION,
  type StoreDoc,
  type StoreSettings,
  THEMES,
} from "../tenancy/mod.ts";

export const DEFAULT_BRANDING: Branding = {
  logoUrl: null,
  faviconUrl: null,
  primaryColor: "#1f6feb",
  accentColor: "#f78166",
  theme: "dark",
};

export const DEFAULT_SETTINGS: StoreSettings = {
  currency: "EUR",
  defaultLanguage: "en",
  timezone: "UTC",
  allowSignup: true,
  maxProfiles: 5,
};

/** Lowercase letters, digits and inner hyphens; 3–40 characters (it becomes a DNS label). */
export const SLUG_PATTERN = "^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$";
/** Slugs that would collide with platform hosts. */
export const RESERVED_SLUGS = new Set([
  "www",
  "api",
  "admin",
  "app",
  "mail",
  "static",
  "cdn",
  "edge",
  "status",
]);

const Color = t.String({ pattern: "^#[0-9a-fA-F]{6}$", examples: ["#1f6feb"] });
const HttpsUrl = t.String({
  format: "uri",
  maxLength: 2000,
  pattern: "^https?://",
  examples: ["https://cdn.example.com/logo.png"],
});

export const BrandingSchema = t.Object(
  {
    logoUrl: t.Union([HttpsUrl, t.Null()]),
    faviconUrl: t.Union([HttpsUrl, t.Null()]),
    primaryColor: Color,
    accentColor: Color,
    theme: enumOf(THEMES),
  },
  { examples: [DEFAULT_BRANDING] },
);

export const BrandingPatch = t.Partial(BrandingSchema, { additionalProperties: false });

export const SettingsSchema = t.Object(
  {
    currency: t.String({ pattern: "^[A-Z]{3}$", examples: ["EUR"] }),
    defaultLanguage: t.String({ pattern: "^[a-z]{2}(?:-[A-Z]{2})?$", examples: ["en"] }),
    timezone: t.String({ minLength: 1, maxLength: 64, examples: ["Europe/Rome"] }),
    allowSignup: t.Boolean({ description: "Viewers may register themselves at this store" }),
    maxProfiles: t.Integer({ minimum: 1, maximum: 20 }),
  },
  { examples: [DEFAULT_SETTINGS] },
);

export const SettingsPatch = t.Partial(SettingsSchema, { additionalProperties: false });

const Name = t.String({ minLength: 1, maxLength: 120, examples: ["Acme TV"] });
const Slug = t.String({
  pattern: SLUG_PATTERN,
  examples: ["acme"],
  description: "Becomes acme.<platform domain>",
});

export const StoreSchema = t.Object(
  {
    id: t.String(),
    name: t.String(),
    slug: t.String(),
    status: enumOf(STORE_STATUSES),
    suspendedReason: t.Union([t.String(), t.Null()]),
    branding: BrandingSchema,
    settings: SettingsSchema,
    createdAt: t.String({ format: "date-time" }),
    updatedAt: t.String({ format: "date-time" }),
  },
  {
    examples: [
      {
        id: "01jd6y6z0m7q8r9s0t1v2w3x4y",
        name: "Acme TV",
        slug: "acme",
        status: "active",
        suspendedReason: null,
        branding: DEFAULT_BRANDING,
        settings: DEFAULT_SETTINGS,
        createdAt: "2026-11-25T12:00:00.000Z",
        updatedAt: "2026-11-25T12:00:00.000Z",
      },
    ],
  },
);

export const StorePage = t.Object({
  items: t.Array(StoreSchema),
  nextCursor: t.Union([t.String(), t.Null()]),
});

export const PublicStoreSchema = t.Object(
  {
    id: t.String(),
    name: t.String(),
    slug: t.String(),
    branding: BrandingSchema,
    defaultLanguage: t.String(),
    currency: t.String(),
    allowSignup: t.Boolean(),
  },
  {
    examples: [
      {
        id: "01jd6y6z0m7q8r9s0t1v2w3x4y",
        name: "Acme TV",
        slug: "acme",
        branding: DEFAULT_BRANDING,
        defaultLanguage: "en",
        currency: "EUR",
        allowSignup: true,
      },
    ],
  },
);

const Password = t.String({ minLength: 10, maxLength: 256, examples: ["correct horse battery"] });
const Email = t.String({ format: "email", maxLength: 254, examples: ["owner@acme.example"] });

export const OwnerInput = t.Object(
  { email: Email, password: Password, name: t.Optional(t.String({ minLength: 1, maxLength: 120 })) },
  { additionalProperties: false },
);

export const CreateStoreBody = t.Object(
  {
    name: Name,
    slug: Slug,
    branding: t.Optional(BrandingPatch),
    settings: t.Optional(SettingsPatch),
    owner: t.Optional(OwnerInput),
  },
  {
    additionalProperties: false,
    examples: [
      {
        name: "Acme TV",
        slug: "acme",
        owner: { email: "owner@acme.example", password: "correct horse battery" },
      },
    ],
  },
);

export const UpdateStoreBody = t.Object(
  { name: t.Optional(Name), branding: t.Optional(BrandingPatch), settings: t.Optional(SettingsPatch) },
  {
    additionalProperties: false,
    examples: [{ branding: { primaryColor: "#ff0066" }, settings: { maxProfiles: 4 } }],
  },
);

export const SuspendBody = t.Object(
  { reason: t.Optional(t.String({ maxLength: 500 })) },
  { additionalProperties: false, examples: [{ reason: "Unpaid platform invoice" }] },
);

export {
  AddDomainBody,
  DOMAINS_COLLECTION,
  type DomainDoc,
  DomainParams,
  DomainSchema,
} from "./domain-model.ts";

export const StoreParams = t.Object({ id: t.String({ maxLength: 64 }) });
export const ListQuery = t.Object({
  cursor: t.Optional(t.String({ maxLength: 500 })),
  limit: t.Optional(t.Integer({ minimum: 1, maximum: 100 })),
  status: t.Optional(enumOf(STORE_STATUSES)),
});

export function toStore(doc: StoreDoc) {
  const { _id, _v, ...rest } = doc;
  return { id: _id, ...rest };
}

export type Store = ReturnType<typeof toStore>;

export function toPublicStore(doc: StoreDoc) {
  return {
    id: doc._id,
    name: doc.name,
    slug: doc.slug,
    branding: doc.branding,
    defaultLanguage: doc.settings.defaultLanguage,
    currency: doc.settings.currency,
    allowSignup: doc.settings.allowSignup,
  };
}
