/**
 * Categories per type (live, movie, series) with their display order; imports create them
 * from group titles, admins rename, add and reorder them.
 */
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { assertOwned } from "../../tenancy/owned.ts";
import type { CategoryDoc, CategoryType } from "./model.ts";
import { categories, reserveXids, scan } from "./repo.ts";
import type { Category } from "./schemas.ts";

type Ctx = Pick<AppContext, "store">;

export function toCategory({ _id, _v, storeId, ...rest }: CategoryDoc): Category {
  return { id: _id, ...rest };
}

export async function listCategories(ctx: Ctx, storeId: string, type?: CategoryType): Promise<Category[]> {
  const out: Category[] = [];
  const filter = type === undefined ? {} : { type };
  for await (const doc of scan(categories(ctx, storeId), filter, [["sortOrder", 1]]))
    out.push(toCategory(doc));
  return out;
}

export async function createCategory(
  ctx: Ctx,
  storeId: string,
  type: CategoryType,
  name: string,
): Promise<Category> {
  const xid = await reserveXids(ctx, storeId, 1);
  const doc = await categories(ctx, storeId).insert({
    storeId,
    type,
    xid,
    name,
    sortOrder: xid,
    createdAt: new Date().toISOString(),
  });
  return toCategory(doc);
}

export async function updateCategory(
  ctx: Ctx,
  storeId: string,
  id: string,
  patch: { name?: string | undefined; sortOrder?: number | undefined },
): Promise<Category> {
  const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const doc = await categories(ctx, storeId).update(id, clean);
  if (!doc) throw new AppError("not_found", "Category not found");
  return toCategory(doc);
}

export async function deleteCategory(ctx: Ctx, storeId: string, id: string): Promise<void> {
  if (!(await categories(ctx, storeId).delete(id))) throw new AppError("not_found", "Category not found");
}

export async function reorderCategories(ctx: Ctx, storeId: string, ids: string[]): Promise<number> {
  await assertOwned(ctx, storeId, "category", ids, "/ids");
  let changed = 0;
  for (const [index, id] of ids.entries()) {
    if (await categories(ctx, storeId).update(id, { sortOrder: index + 1 })) changed++;
  }
  return changed;
}
