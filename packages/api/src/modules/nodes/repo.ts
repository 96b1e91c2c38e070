/**
 * Storage of streaming nodes; the only code that touches their collection.
 */
import type { AppContext } from "../../context.ts";
import type { Collection, Filter, NewDoc, Patch } from "../../db/port.ts";
import { NODES_COLLECTION, type StreamingNode } from "./model.ts";

type Ctx = Pick<AppContext, "store">;

const nodes = (ctx: Ctx): Collection<StreamingNode> => ctx.store.collection<StreamingNode>(NODES_COLLECTION);

export const insertNode = (ctx: Ctx, doc: NewDoc<StreamingNode>) => nodes(ctx).insert(doc);
export const getNode = (ctx: Ctx, id: string) => nodes(ctx).get(id);
/** With `expectVersion`, a concurrent writer makes this throw AppError("version_conflict"). */
export const updateNode = (ctx: Ctx, id: string, patch: Patch<StreamingNode>, expectVersion?: number) =>
  nodes(ctx).update(id, patch, expectVersion === undefined ? {} : { expectVersion });
export const findNodeBy = (ctx: Ctx, filter: Filter) => nodes(ctx).findOne(filter);

/** Every node that is not removed and serves this store: its private nodes and the global ones. */
export async function nodesServing(ctx: Ctx, storeId: string | null): Promise<StreamingNode[]> {
  const filter: Filter = {
    admin: { ne: "removed" },
    $or: storeId ? [{ scope: "global" }, { scope: "store", storeId }] : [{ scope: "global" }],
  };
  return (await nodes(ctx).find(filter, { limit: 1000 })).items;
}

export async function listNodes(ctx: Ctx, filter: Filter, cursor?: string) {
  return nodes(ctx).find(filter, { sort: [["createdAt", -1]], limit: 100, ...(cursor ? { cursor } : {}) });
}
