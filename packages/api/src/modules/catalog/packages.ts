/**
 * Channel packages (bouquets): named sets of items and whole categories. Plans include them by
 * id (`packageIds`), and a viewer sees exactly what their plan's packages include.
 */

import { recordAudit } from "../../audit/mod.ts";
import type { Actor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import type { Patch } from "../../db/port.ts";
import { AppError } from "../../errors/app-error.ts";
import { assertOwned } from "../../tenancy/owned.ts";
import type { PackageDoc } from "./model.ts";
import { packages, scan } from "./repo.ts";
import type { Package } from "./schemas.ts";

type Ctx = Pick<AppContext, "store">;

export function toPackage({ _id, _v, storeId, ...rest }: PackageDoc): Package {
  return { id: _id, ...rest };
}

export async function listPackageDocs(ctx: Ctx, storeId: string): Promise<PackageDoc[]> {
  const out: PackageDoc[] = [];
  for await (const doc of scan(packages(ctx, storeId), {}, [["name", 1]])) out.push(doc);
  return out;
}

export async function getPackage(ctx: Ctx, storeId: string, id: string): Promise<Package> {
  const doc = await packages(ctx, storeId).get(id);
  if (!doc) throw new AppError("not_found", "Package not found");
  return toPackage(doc);
}

export interface PackageInput {
  name?: string | undefined;
  description?: string | undefined;
  itemIds?: string[] | undefined;
  categoryIds?: string[] | undefined;
}

/** A package holds only the store's own items and categories. */
async function checkContents(ctx: Ctx, storeId: string, input: PackageInput): Promise<void> {
  await assertOwned(ctx, storeId, "item", input.itemIds, "/itemIds");
  await assertOwned(ctx, storeId, "category", input.categoryIds, "/categoryIds");
}

export async function createPackage(
  ctx: Ctx,
  storeId: string,
  input: PackageInput & { name: string },
  by: Actor,
) {
  await checkContents(ctx, storeId, input);
  const now = new Date().toISOString();
  const doc = await packages(ctx, storeId).insert({
    storeId,
    name: input.name,
    description: input.description ?? "",
    itemIds: input.itemIds ?? [],
    categoryIds: input.categoryIds ?? [],
    createdAt: now,
    updatedAt: now,
  });
  await audit(ctx, by, storeId, "catalog.package_create", doc._id, null, { name: doc.name });
  return toPackage(doc);
}

export async function updatePackage(ctx: Ctx, storeId: string, id: string, input: PackageInput, by: Actor) {
  if (!(await packages(ctx, storeId).get(id))) throw new AppError("not_found", "Package not found");
  await checkContents(ctx, storeId, input);
  const patch: Patch<PackageDoc> = { updatedAt: new Date().toISOString() };
  if (input.name !== undefined) patch.name = input.name;
  if (input.description !== undefined) patch.description = input.description;
  if (input.itemIds !== undefined) patch.itemIds = input.itemIds;
  if (input.categoryIds !== undefined) patch.categoryIds = input.categoryIds;
  const doc = await packages(ctx, storeId).update(id, patch);
  if (!doc) throw new AppError("not_found", "Package not found");
  await audit(ctx, by, storeId, "catalog.package_update", id, null, {
    name: doc.name,
    items: doc.itemIds.length,
    categories: doc.categoryIds.length,
  });
  return toPackage(doc);
}

export async function deletePackage(ctx: Ctx, storeId: string, id: string, by: Actor): Promise<void> {
  if (!(await packages(ctx, storeId).delete(id))) throw new AppError("not_found", "Package not found");
  await audit(ctx, by, storeId, "catalog.package_delete", id, null, null);
}

async function audit(
  ctx: Ctx,
  by: Actor,
  storeId: string,
  action: string,
  id: string,
  before: unknown,
  after: unknown,
) {
  await recordAudit(ctx, {
    actor: by.principal,
    action,
    storeId,
    target: { type: "catalog_package", id },
    before,
    after,
    ip: by.ip,
    requestId: by.requestId,
  });
}
