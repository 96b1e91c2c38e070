/**
 * Ownership of the objects a request names in its body: every id a write takes (a plan's
 * packages, a package's items and categories, a subscription's viewer and plan…) must name an
 * object of the caller's store. One check for every route, through the tenant-scoped view of
 * the object's collection, so an id of another store reads exactly like an id that does not
 * exist: the same 422 `reference_not_found`, with the JSON pointer of the field, and nothing
 * written.
 */
import type { AppContext } from "../context.ts";
import { scoped } from "../db/mod.ts";
import type { BaseDoc, CollectionDef, Filter } from "../db/port.ts";
import { AppError } from "../errors/app-error.ts";
import { CATEGORIES_COLLECTION, ITEMS_COLLECTION, PACKAGES_COLLECTION } from "../modules/catalog/model.ts";
import { PLANS_COLLECTION } from "../modules/plans/model.ts";
import { PROVIDERS_COLLECTION } from "../modules/providers/model.ts";
import { USERS_COLLECTION } from "../modules/users/model.ts";
import type { RefKind } from "./ref-kinds.ts";

interface Target {
  collection: CollectionDef;
  /** How the object is named in the answer. */
  noun: string;
  /** What else the object must be (only viewers hold subscriptions). */
  where?: Filter;
}

const TARGETS: Record<RefKind, Target> = {
  package: { collection: PACKAGES_COLLECTION, noun: "package" },
  item: { collection: ITEMS_COLLECTION, noun: "catalog item" },
  category: { collection: CATEGORIES_COLLECTION, noun: "category" },
  plan: { collection: PLANS_COLLECTION, noun: "plan" },
  provider: { collection: PROVIDERS_COLLECTION, noun: "provider" },
  viewer: { collection: USERS_COLLECTION, noun: "viewer", where: { role: "viewer" } },
};

/** Ids checked per query: the `in` list stays small for both adapters. */
const CHUNK = 500;

/** A JSON pointer (RFC 6901) segment: `~` and `/` escaped. */
export function pointerSegment(segment: string | number): string {
  return String(segment).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** The problem for an id that names nothing of this store, wherever the object may really be. */
export function referenceNotFound(noun: string, id: string, pointer: string): AppError {
  return new AppError("reference_not_found", `No ${noun} "${id}" in this store (at ${pointer})`, {
    pointer,
    errors: [{ path: pointer, message: `No such ${noun} in this store` }],
  });
}

/**
 * Throws `reference_not_found` unless every id names a `kind` object of the store. `ids` is one
 * id (its field's pointer is `pointer`) or a list (element `i` is `pointer/i`); null and
 * undefined name nothing and pass. The first id that is not found is the one reported.
 */
export async function assertOwned(
  ctx: Pick<AppContext, "store">,
  storeId: string,
  kind: RefKind,
  ids: string | readonly string[] | null | undefined,
  pointer: string,
): Promise<void> {
  if (ids === null || ids === undefined) return;
  const list = typeof ids === "string" ? [ids] : ids;
  if (list.length === 0) return;
  const target = TARGETS[kind];
  const collection = scoped(ctx.store.collection<BaseDoc & { storeId: string }>(target.collection), storeId);
  const where = (chunk: string[]): Filter => ({ $and: [{ _id: { in: chunk } }, target.where ?? {}] });
  const unique = [...new Set(list)];
  for (let at = 0; at < unique.length; at += CHUNK) {
    const chunk = unique.slice(at, at + CHUNK);
    if ((await collection.count(where(chunk))) === chunk.length) continue;
    const found = await collection.find(where(chunk), { limit: chunk.length });
    const known = new Set(found.items.map((doc) => doc._id));
    const index = list.findIndex((id) => chunk.includes(id) && !known.has(id));
    const missing = list[index] ?? chunk[0] ?? "";
    throw referenceNotFound(target.noun, missing, typeof ids === "string" ? pointer : `${pointer}/${index}`);
  }
}
