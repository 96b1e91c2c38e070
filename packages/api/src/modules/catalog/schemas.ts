/**
 * API schemas of the catalog: items, categories, packages and imports as the API shows them
 * (ids, never `_v`, never source URLs, which may carry upstream tokens).
 */
import { t } from "elysia";
import { refId } from "../../tenancy/ref-kinds.ts";
import { CATEGORY_TYPES, ITEM_TYPES } from "./model.ts";

/**
 * An optional enum for query strings. `t.Optional(t.UnionEnum(…))` in a query makes Elysia fill
 * in the first value when the parameter is absent, so queries use a union of literals.
 */
function oneOf<const V extends readonly string[]>(values: V) {
  return t.Union(values.map((v) => t.Literal(v as V[number])));
}

const Id = t.String({ minLength: 1, maxLength: 64 });
const Nullable = <T extends Parameters<typeof t.Union>[0][number]>(s: T) => t.Union([s, t.Null()]);
const EX = "01jd6y6z0m7c8f2k4n5p6q7r8s";

export const ItemSchema = t.Object(
  {
    id: t.String(),
    xid: t.Integer({ description: "Numeric id for Xtream-style players" }),
    type: t.UnionEnum([...ITEM_TYPES]),
    name: t.String(),
    categoryId: Nullable(t.String()),
    enabled: t.Boolean(),
    sortOrder: t.Integer(),
    number: Nullable(t.Number()),
    logo: Nullable(t.String()),
    epgId: Nullable(t.String()),
    containerExtension: Nullable(t.String()),
    duration: Nullable(t.Number()),
    plot: Nullable(t.String()),
    rating: Nullable(t.Number()),
    seriesId: Nullable(t.String()),
    season: Nullable(t.Integer()),
    episode: Nullable(t.Integer()),
    sources: t.Array(t.Object({ providerId: t.String(), format: t.String() }), {
      description: "In priority order; URLs are never shown",
    }),
    providerId: Nullable(t.String()),
    missingSince: Nullable(t.String()),
    mergedInto: Nullable(t.String({ description: "The item this one's sources were merged into" })),
    locked: t.Array(t.String()),
    createdAt: t.String({ format: "date-time" }),
    updatedAt: t.String({ format: "date-time" }),
  },
  {
    examples: [
      {
        id: EX,
        xid: 101,
        type: "live",
        name: "Neve One HD",
        categoryId: "01jd6y6z0m7c8f2k4n5p6q7r9c",
        enabled: true,
        sortOrder: 1,
        number: 1,
        logo: "https://cdn.example.com/logos/neve-one.png",
        epgId: "neveone.uk",
        containerExtension: null,
        duration: null,
        plot: null,
        rating: null,
        seriesId: null,
        season: null,
        episode: null,
        sources: [{ providerId: "01jd6y6z0m7c8f2k4n5p6q7r8p", format: "ts" }],
        providerId: "01jd6y6z0m7c8f2k4n5p6q7r8p",
        missingSince: null,
        mergedInto: null,
        locked: [],
        createdAt: "2026-11-25T12:00:00.000Z",
        updatedAt: "2026-11-25T12:00:00.000Z",
      },
    ],
  },
);
export type Item = typeof ItemSchema.static;

export const ItemPage = t.Object({ items: t.Array(ItemSchema), nextCursor: Nullable(t.String()) });

export const ItemListQuery = t.Object({
  type: t.Optional(oneOf(ITEM_TYPES)),
  categoryId: t.Optional(Id),
  packageId: t.Optional(Id),
  seriesId: t.Optional(Id),
  q: t.Optional(
    t.String({
      minLength: 1,
      maxLength: 100,
      description: "Name prefix (any word start of the first two), or a channel number",
    }),
  ),
  missing: t.Optional(t.BooleanString({ description: "Only items the last import did not find" })),
  cursor: t.Optional(t.String({ maxLength: 500 })),
  limit: t.Optional(t.Numeric({ minimum: 1, maximum: 500 })),
});
export type ItemListInput = typeof ItemListQuery.static;

/** The viewer's list pages from any channel either way, so a player steps past what it loaded. */
export const ViewerItemQuery = t.Object({
  ...ItemListQuery.properties,
  from: t.Optional(
    t.String({
      minLength: 1,
      maxLength: 64,
      description: "Start the page at this item (included when it matches), not with `cursor`",
    }),
  ),
  order: t.Optional(
    t.Union([t.Literal("asc"), t.Literal("desc")], {
      description: "`desc` lists backwards: from the end, or from `from` to the items before it",
    }),
  ),
});
export type ViewerItemInput = typeof ViewerItemQuery.static;

export const UpdateItemBody = t.Object(
  {
    name: t.Optional(t.String({ minLength: 1, maxLength: 300 })),
    number: t.Optional(Nullable(t.Number({ minimum: 0, maximum: 1_000_000 }))),
    logo: t.Optional(Nullable(t.String({ maxLength: 2000 }))),
    epgId: t.Optional(Nullable(t.String({ maxLength: 300, description: "Manual guide channel override" }))),
    categoryId: t.Optional(Nullable(refId("category"))),
    enabled: t.Optional(t.Boolean()),
    sortOrder: t.Optional(t.Integer({ minimum: -1_000_000_000, maximum: 1_000_000_000 })),
    plot: t.Optional(Nullable(t.String({ maxLength: 10_000 }))),
    rating: t.Optional(Nullable(t.Number({ minimum: 0, maximum: 10 }))),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    examples: [{ name: "Neve One", number: 1, enabled: true }],
  },
);
export type UpdateItemInput = typeof UpdateItemBody.static;

export const BulkEditBody = t.Object(
  {
    ids: t.Array(refId("item"), { minItems: 1, maxItems: 5000, uniqueItems: true }),
    set: t.Object(
      { enabled: t.Optional(t.Boolean()), categoryId: t.Optional(Nullable(refId("category"))) },
      { additionalProperties: false, minProperties: 1 },
    ),
  },
  { additionalProperties: false, examples: [{ ids: [EX], set: { enabled: false } }] },
);

/** A new display order of the store's items or categories. */
const reorderBody = (kind: "item" | "category") =>
  t.Object(
    {
      ids: t.Array(refId(kind), {
        minItems: 1,
        maxItems: 5000,
        uniqueItems: true,
        description: "New order, first = top",
      }),
    },
    { additionalProperties: false, examples: [{ ids: [EX, "01jd6y6z0m7c8f2k4n5p6q7r8t"] }] },
  );
export const ItemReorderBody = reorderBody("item");
export const CategoryReorderBody = reorderBody("category");

export const MergeBody = t.Object(
  {
    fromIds: t.Array(refId("item"), {
      minItems: 1,
      maxItems: 50,
      uniqueItems: true,
      description: "Items whose sources join this one, in order",
    }),
  },
  { additionalProperties: false, examples: [{ fromIds: ["01jd6y6z0m7c8f2k4n5p6q7r8t"] }] },
);

export const SourceOrderBody = t.Object(
  {
    order: t.Array(t.Integer({ minimum: 0, maximum: 999 }), {
      maxItems: 1000,
      description: "Current source positions in the new priority order; positions left out are removed",
    }),
  },
  { additionalProperties: false, examples: [{ order: [1, 0] }] },
);

export const Changed = t.Object({ changed: t.Integer() }, { examples: [{ changed: 12 }] });

export const CategorySchema = t.Object(
  {
    id: t.String(),
    xid: t.Integer(),
    type: t.UnionEnum([...CATEGORY_TYPES]),
    name: t.String(),
    sortOrder: t.Integer(),
    createdAt: t.String({ format: "date-time" }),
  },
  {
    examples: [
      { id: EX, xid: 7, type: "live", name: "News", sortOrder: 7, createdAt: "2026-11-25T12:00:00.000Z" },
    ],
  },
);
export type Category = typeof CategorySchema.static;
export const CategoryList = t.Object({ items: t.Array(CategorySchema) });
export const CategoryQuery = t.Object({ type: t.Optional(oneOf(CATEGORY_TYPES)) });
export const CreateCategoryBody = t.Object(
  { type: t.UnionEnum([...CATEGORY_TYPES]), name: t.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false, examples: [{ type: "live", name: "Sports" }] },
);
export const UpdateCategoryBody = t.Object(
  { name: t.Optional(t.String({ minLength: 1, maxLength: 200 })), sortOrder: t.Optional(t.Integer()) },
  { additionalProperties: false, minProperties: 1, examples: [{ name: "Sport" }] },
);

const PackageFields = {
  name: t.String({ minLength: 1, maxLength: 100, examples: ["News"] }),
  description: t.String({ maxLength: 2000 }),
  itemIds: t.Array(refId("item"), {
    maxItems: 100_000,
    uniqueItems: true,
    description: "Channels, movies or series",
  }),
  categoryIds: t.Array(refId("category"), {
    maxItems: 5000,
    uniqueItems: true,
    description: "Whole categories",
  }),
};
export const PackageSchema = t.Object(
  {
    id: t.String(),
    ...PackageFields,
    createdAt: t.String({ format: "date-time" }),
    updatedAt: t.String({ format: "date-time" }),
  },
  {
    examples: [
      {
        id: EX,
        name: "News",
        description: "News channels",
        itemIds: [],
        categoryIds: ["01jd6y6z0m7c8f2k4n5p6q7r9c"],
        createdAt: "2026-11-25T12:00:00.000Z",
        updatedAt: "2026-11-25T12:00:00.000Z",
      },
    ],
  },
);
export type Package = typeof PackageSchema.static;
export const PackageList = t.Object({ items: t.Array(PackageSchema) });
export const CreatePackageBody = t.Object(
  {
    name: PackageFields.name,
    description: t.Optional(PackageFields.description),
    itemIds: t.Optional(PackageFields.itemIds),
    categoryIds: t.Optional(PackageFields.categoryIds),
  },
  { additionalProperties: false, examples: [{ name: "News", categoryIds: ["01jd6y6z0m7c8f2k4n5p6q7r9c"] }] },
);
export const UpdatePackageBody = t.Object(
  {
    name: t.Optional(PackageFields.name),
    description: t.Optional(PackageFields.description),
    itemIds: t.Optional(PackageFields.itemIds),
    categoryIds: t.Optional(PackageFields.categoryIds),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ itemIds: [EX] }] },
);

export const ImportSchema = t.Object(
  {
    id: t.String(),
    kind: t.UnionEnum(["catalog", "epg"]),
    sourceId: t.String(),
    status: t.UnionEnum(["queued", "running", "succeeded", "failed"]),
    counts: t.Object({
      read: t.Integer(),
      inserted: t.Integer(),
      updated: t.Integer(),
      unchanged: t.Integer(),
      missing: t.Integer(),
      errors: t.Integer(),
    }),
    percent: t.Integer({ minimum: 0, maximum: 100 }),
    errors: t.Array(t.Object({ line: t.Integer(), message: t.String() })),
    failure: Nullable(t.String()),
    jobId: Nullable(t.String()),
    startedAt: Nullable(t.String()),
    finishedAt: Nullable(t.String()),
    createdAt: t.String(),
    updatedAt: t.String(),
  },
  {
    examples: [
      {
        id: EX,
        kind: "catalog",
        sourceId: "01jd6y6z0m7c8f2k4n5p6q7r8p",
        status: "running",
        counts: { read: 5000, inserted: 4990, updated: 0, unchanged: 0, missing: 0, errors: 10 },
        percent: 42,
        errors: [{ line: 88, message: "URL line missing after #EXTINF" }],
        failure: null,
        jobId: "01jd6y6z0m7c8f2k4n5p6q7r8j",
        startedAt: "2026-11-25T12:00:00.000Z",
        finishedAt: null,
        createdAt: "2026-11-25T12:00:00.000Z",
        updatedAt: "2026-11-25T12:00:01.000Z",
      },
    ],
  },
);
export const ImportPage = t.Object({ items: t.Array(ImportSchema), nextCursor: Nullable(t.String()) });
export const StartImportBody = t.Object(
  { providerId: refId("provider") },
  { additionalProperties: false, examples: [{ providerId: "01jd6y6z0m7c8f2k4n5p6q7r8p" }] },
);
export const ImportListQuery = t.Object({
  kind: t.Optional(oneOf(["catalog", "epg"] as const)),
  cursor: t.Optional(t.String({ maxLength: 500 })),
  limit: t.Optional(t.Numeric({ minimum: 1, maximum: 100 })),
});
export const IdParams = t.Object({ id: Id });
