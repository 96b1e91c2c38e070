/**
 * The programme guide: XMLTV sources a store imports, the guide channels they list, and
 * their programmes. Programmes are keyed by guide channel (`guideKey`), not by catalog
 * channel, so re-matching channels never rewrites programmes.
 */
import { t } from "elysia";
import type { BaseDoc, CollectionDef } from "../../db/port.ts";

export interface GuideSourceDoc extends BaseDoc {
  storeId: string;
  name: string;
  url: string;
  /** Days of past programmes kept (catch-up); future ones are always kept. */
  retentionDays: number;
  /** Zone of times the guide writes without an offset (minutes east of UTC, or an IANA name). */
  defaultTimeZone: string;
  refreshMinutes: number | null;
  lastImportId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface GuideChannelDoc extends BaseDoc {
  storeId: string;
  sourceId: string;
  /** The XMLTV channel id; `tvg-id` of playlists points at it. */
  guideKey: string;
  displayNames: string[];
  /** `channelMatchKey` of each display name, for matching catalog channels by name. */
  matchKeys: string[];
  icon: string | null;
}

export interface ProgrammeDoc extends BaseDoc {
  storeId: string;
  sourceId: string;
  guideKey: string;
  /** ISO-8601 UTC. */
  start: string;
  stop: string;
  title: string;
  /** Lowercased, accent-free title, for prefix search. */
  titleKey: string;
  subTitle: string | null;
  description: string | null;
  categories: string[];
  season: number | null;
  episode: number | null;
  icon: string | null;
  /** The import that wrote it; older imports' programmes are removed when one finishes. */
  importId: string;
}

export const GUIDE_SOURCES_COLLECTION: CollectionDef = {
  name: "epg_sources",
  indexes: [
    {
      fields: [
        ["storeId", 1],
        ["createdAt", 1],
      ],
    },
  ],
};

export const GUIDE_CHANNELS_COLLECTION: CollectionDef = {
  name: "epg_channels",
  indexes: [
    {
      fields: [
        ["storeId", 1],
        ["guideKey", 1],
      ],
    },
    {
      fields: [
        ["storeId", 1],
        ["sourceId", 1],
      ],
    },
  ],
};

export const PROGRAMMES_COLLECTION: CollectionDef = {
  name: "epg_programmes",
  indexes: [
    // Now/next and grids: one channel (or a set) from a start time on.
    {
      fields: [
        ["storeId", 1],
        ["guideKey", 1],
        ["start", 1],
      ],
    },
    {
      fields: [
        ["storeId", 1],
        ["sourceId", 1],
        ["importId", 1],
      ],
    },
    {
      fields: [
        ["storeId", 1],
        ["titleKey", 1],
      ],
    },
    {
      fields: [
        ["storeId", 1],
        ["stop", 1],
      ],
    },
  ],
};

export const EPG_COLLECTIONS = [GUIDE_SOURCES_COLLECTION, GUIDE_CHANNELS_COLLECTION, PROGRAMMES_COLLECTION];

const EX = "01jd6y6z0m7c8f2k4n5p6q7r8s";

export const GuideSourceSchema = t.Object(
  {
    id: t.String(),
    name: t.String(),
    url: t.String({ description: "Masked: origin only (guide URLs often carry credentials)" }),
    retentionDays: t.Integer(),
    defaultTimeZone: t.String(),
    refreshMinutes: t.Union([t.Integer(), t.Null()]),
    lastImportId: t.Union([t.String(), t.Null()]),
    createdAt: t.String(),
    updatedAt: t.String(),
  },
  {
    examples: [
      {
        id: EX,
        name: "Main guide",
        url: "http://epg.example.net/••••",
        retentionDays: 2,
        defaultTimeZone: "0",
        refreshMinutes: 720,
        lastImportId: null,
        createdAt: "2026-11-25T12:00:00.000Z",
        updatedAt: "2026-11-25T12:00:00.000Z",
      },
    ],
  },
);
export type GuideSource = typeof GuideSourceSchema.static;

export const CreateGuideSourceBody = t.Object(
  {
    name: t.String({ minLength: 1, maxLength: 100 }),
    url: t.String({ maxLength: 4000, pattern: "^https?://" }),
    retentionDays: t.Optional(t.Integer({ minimum: 0, maximum: 30 })),
    defaultTimeZone: t.Optional(t.String({ minLength: 1, maxLength: 64 })),
    refreshMinutes: t.Optional(t.Union([t.Integer({ minimum: 15, maximum: 10_080 }), t.Null()])),
  },
  {
    additionalProperties: false,
    examples: [{ name: "Main guide", url: "http://epg.example.net/guide.xml.gz", retentionDays: 2 }],
  },
);
export type CreateGuideSourceInput = typeof CreateGuideSourceBody.static;

export const ProgrammeSchema = t.Object({
  id: t.String(),
  guideKey: t.String(),
  start: t.String({ format: "date-time" }),
  stop: t.String({ format: "date-time" }),
  title: t.String(),
  subTitle: t.Union([t.String(), t.Null()]),
  description: t.Union([t.String(), t.Null()]),
  categories: t.Array(t.String()),
  season: t.Union([t.Integer(), t.Null()]),
  episode: t.Union([t.Integer(), t.Null()]),
  icon: t.Union([t.String(), t.Null()]),
});
export type Programme = typeof ProgrammeSchema.static;

export const ChannelGuideSchema = t.Object(
  {
    channelId: t.String(),
    guideKey: t.Union([t.String(), t.Null()], { description: "The guide channel matched, if any" }),
    matchedBy: t.Union([t.Literal("epg-id"), t.Literal("name"), t.Null()]),
    programmes: t.Array(ProgrammeSchema),
  },
  {
    examples: [
      {
        channelId: EX,
        guideKey: "neveone.uk",
        matchedBy: "epg-id",
        programmes: [
          {
            id: "01jd6y6z0m7c8f2k4n5p6q7r9p",
            guideKey: "neveone.uk",
            start: "2026-11-25T12:00:00.000Z",
            stop: "2026-11-25T13:00:00.000Z",
            title: "News at Noon",
            subTitle: null,
            description: "The headlines",
            categories: ["News"],
            season: null,
            episode: null,
            icon: null,
          },
        ],
      },
    ],
  },
);
export const GuideAnswer = t.Object({ items: t.Array(ChannelGuideSchema) });

export const NowNextQuery = t.Object({
  channelIds: t.Optional(
    t.String({
      maxLength: 40_000,
      description: "Comma-separated catalog channel ids; all the viewer's channels when absent",
    }),
  ),
  at: t.Optional(t.String({ format: "date-time", description: "Default: now" })),
});
export const GridQuery = t.Object({
  channelIds: t.Optional(t.String({ maxLength: 40_000 })),
  from: t.String({ format: "date-time" }),
  to: t.String({ format: "date-time" }),
});
