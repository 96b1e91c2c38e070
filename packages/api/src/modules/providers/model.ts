/**
 * Providers: where a store's streams come from (an M3U/M3U+ playlist or an Xtream Codes panel),
 * each with one or more upstream accounts. Credentials are sealed at rest and only ever
 * leave the API masked.
 */
import { t } from "elysia";
import type { BaseDoc, CollectionDef } from "../../db/port.ts";
import type { Sealed } from "./secret-box.ts";

export const PROVIDER_KINDS = ["m3u", "xtream"] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export interface UpstreamAccountDoc {
  id: string;
  label: string;
  /** M3U providers: the playlist URL of this account (it usually embeds the credentials). */
  url: Sealed | null;
  username: Sealed | null;
  password: Sealed | null;
  maxConnections: number;
  /** Lower goes first. */
  priority: number;
  enabled: boolean;
}

export interface ProviderDoc extends BaseDoc {
  storeId: string;
  name: string;
  kind: ProviderKind;
  /** Xtream panel base URL (`http://host:port`); null for M3U providers. */
  baseUrl: string | null;
  /** XMLTV guide of this provider, when it has one. */
  epgUrl: string | null;
  /** Re-import every so many minutes (a recurring job); null imports only on request. */
  refreshMinutes: number | null;
  /** Order among providers when a channel has sources from several; lower goes first. */
  priority: number;
  enabled: boolean;
  accounts: UpstreamAccountDoc[];
  lastImportId: string | null;
  lastImportAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const PROVIDERS_COLLECTION: CollectionDef = {
  name: "providers",
  indexes: [
    {
      fields: [
        ["storeId", 1],
        ["priority", 1],
      ],
    },
  ],
};

const EXAMPLE_ID = "01jd6y6z0m7c8f2k4n5p6q7r8s";

const Name = t.String({ minLength: 1, maxLength: 100, examples: ["Main panel"] });
const HttpUrl = t.String({
  maxLength: 4000,
  pattern: "^https?://",
  examples: ["http://panel.example.net:8080"],
});
const MaxConnections = t.Integer({ minimum: 1, maximum: 10_000, examples: [2] });
const Priority = t.Integer({ minimum: 0, maximum: 1_000_000, examples: [0] });
const RefreshMinutes = t.Union([t.Integer({ minimum: 15, maximum: 10_080 }), t.Null()], {
  description: "Re-import every so many minutes; null for imports on request only",
  examples: [360],
});

export const AccountSchema = t.Object({
  id: t.String(),
  label: t.String(),
  url: t.Union([t.String(), t.Null()], { description: "Masked: origin only" }),
  username: t.Union([t.String(), t.Null()], { description: "Masked: first two characters" }),
  hasPassword: t.Boolean(),
  maxConnections: t.Integer(),
  priority: t.Integer(),
  enabled: t.Boolean(),
});
export type Account = typeof AccountSchema.static;

const accountExample = {
  id: "01jd6y6z0m7c8f2k4n5p6q7r9a",
  label: "Line 1",
  url: null,
  username: "ne••••",
  hasPassword: true,
  maxConnections: 2,
  priority: 0,
  enabled: true,
};

export const ProviderSchema = t.Object(
  {
    id: t.String(),
    name: t.String(),
    kind: t.UnionEnum([...PROVIDER_KINDS]),
    baseUrl: t.Union([t.String(), t.Null()]),
    epgUrl: t.Union([t.String(), t.Null()]),
    refreshMinutes: t.Union([t.Integer(), t.Null()]),
    priority: t.Integer(),
    enabled: t.Boolean(),
    accounts: t.Array(AccountSchema),
    lastImportId: t.Union([t.String(), t.Null()]),
    lastImportAt: t.Union([t.String(), t.Null()]),
    createdAt: t.String({ format: "date-time" }),
    updatedAt: t.String({ format: "date-time" }),
  },
  {
    examples: [
      {
        id: EXAMPLE_ID,
        name: "Main panel",
        kind: "xtream",
        baseUrl: "http://panel.example.net:8080",
        epgUrl: null,
        refreshMinutes: 360,
        priority: 0,
        enabled: true,
        accounts: [accountExample],
        lastImportId: null,
        lastImportAt: null,
        createdAt: "2026-11-25T12:00:00.000Z",
        updatedAt: "2026-11-25T12:00:00.000Z",
      },
    ],
  },
);
export type Provider = typeof ProviderSchema.static;

export const ProviderList = t.Object({ items: t.Array(ProviderSchema) });

export const AccountBody = t.Object(
  {
    label: t.Optional(t.String({ minLength: 1, maxLength: 100 })),
    url: t.Optional(HttpUrl),
    username: t.Optional(t.String({ minLength: 1, maxLength: 200 })),
    password: t.Optional(t.String({ minLength: 1, maxLength: 200 })),
    maxConnections: t.Optional(MaxConnections),
    priority: t.Optional(Priority),
    enabled: t.Optional(t.Boolean()),
  },
  {
    additionalProperties: false,
    examples: [{ label: "Line 1", username: "neve", password: "s3cret", maxConnections: 2 }],
  },
);
export type AccountInput = typeof AccountBody.static;

export const CreateProviderBody = t.Object(
  {
    name: Name,
    kind: t.UnionEnum([...PROVIDER_KINDS], { examples: ["xtream"] }),
    baseUrl: t.Optional(HttpUrl),
    epgUrl: t.Optional(t.Union([HttpUrl, t.Null()])),
    refreshMinutes: t.Optional(RefreshMinutes),
    priority: t.Optional(Priority),
    enabled: t.Optional(t.Boolean()),
    accounts: t.Array(AccountBody, { minItems: 1, maxItems: 50 }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        name: "Main panel",
        kind: "xtream",
        baseUrl: "http://panel.example.net:8080",
        refreshMinutes: 360,
        accounts: [{ label: "Line 1", username: "neve", password: "s3cret", maxConnections: 2 }],
      },
      {
        name: "Backup playlist",
        kind: "m3u",
        accounts: [{ url: "http://backup.example.net/get.php?username=a&password=b&type=m3u_plus" }],
      },
    ],
  },
);
export type CreateProviderInput = typeof CreateProviderBody.static;

export const UpdateProviderBody = t.Object(
  {
    name: t.Optional(Name),
    baseUrl: t.Optional(HttpUrl),
    epgUrl: t.Optional(t.Union([HttpUrl, t.Null()])),
    refreshMinutes: t.Optional(RefreshMinutes),
    priority: t.Optional(Priority),
    enabled: t.Optional(t.Boolean()),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ refreshMinutes: 720 }] },
);
export type UpdateProviderInput = typeof UpdateProviderBody.static;

export const ProviderParams = t.Object({ id: t.String({ minLength: 1, maxLength: 64 }) });
export const AccountParams = t.Object({
  id: t.String({ minLength: 1, maxLength: 64 }),
  accountId: t.String({ minLength: 1, maxLength: 64 }),
});
