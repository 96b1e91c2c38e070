/**
 * Profile storage and rules: at most the store's `settings.maxProfiles` per viewer, a first
 * profile made on first use, and PINs kept only as argon2id hashes.
 */
import { hashPassword } from "../../auth/passwords.ts";
import type { AppContext } from "../../context.ts";
import { scoped } from "../../db/mod.ts";
import type { Collection, Patch } from "../../db/port.ts";
import { AppError } from "../../errors/app-error.ts";
import { getStoreCached } from "../tenancy/mod.ts";
import {
  type CreateProfileInput,
  DEFAULT_MAX_PROFILES,
  PROFILES_COLLECTION,
  type Profile,
  type ProfileDoc,
  type UpdateProfileInput,
} from "./model.ts";

type Ctx = Pick<AppContext, "store" | "cache" | "config">;

/** Whose profiles: one viewer in one store. */
export interface Owner {
  storeId: string;
  viewerId: string;
}

const FIRST_PROFILE_NAME = "Main";

function profiles(ctx: Pick<AppContext, "store">, storeId: string): Collection<ProfileDoc> {
  return scoped(ctx.store.collection<ProfileDoc>(PROFILES_COLLECTION), storeId);
}

export function toProfile(doc: ProfileDoc): Profile {
  return {
    id: doc._id,
    name: doc.name,
    avatarUrl: doc.avatarUrl,
    kids: doc.kids,
    language: doc.language,
    hasPin: doc.pinHash !== null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export async function maxProfiles(ctx: Ctx, storeId: string): Promise<number> {
  return (await getStoreCached(ctx, storeId))?.settings.maxProfiles ?? DEFAULT_MAX_PROFILES;
}

/** The viewer's own profile, or not_found (also for another viewer's or another store's). */
export async function getProfileDoc(
  ctx: Pick<AppContext, "store">,
  owner: Owner,
  id: string,
): Promise<ProfileDoc> {
  const doc = await profiles(ctx, owner.storeId).get(id);
  if (!doc || doc.viewerId !== owner.viewerId) throw new AppError("not_found", "Profile not found");
  return doc;
}

async function findAll(ctx: Pick<AppContext, "store">, owner: Owner): Promise<ProfileDoc[]> {
  const page = await profiles(ctx, owner.storeId).find(
    { viewerId: owner.viewerId },
    { sort: [["createdAt", 1]], limit: 100 },
  );
  return page.items;
}

function newDoc(
  owner: Owner,
  fields: Omit<ProfileDoc, "_id" | "_v" | "storeId" | "viewerId" | "createdAt" | "updatedAt">,
) {
  const now = new Date().toISOString();
  return { storeId: owner.storeId, viewerId: owner.viewerId, ...fields, createdAt: now, updatedAt: now };
}

/** Lists the viewer's profiles, creating the first one when there is none yet. */
export async function listProfiles(ctx: Ctx, owner: Owner): Promise<Profile[]> {
  const existing = await findAll(ctx, owner);
  if (existing.length > 0) return existing.map(toProfile);
  try {
    await profiles(ctx, owner.storeId).insert(
      newDoc(owner, {
        name: FIRST_PROFILE_NAME,
        avatarUrl: null,
        kids: false,
        language: null,
        pinHash: null,
        primary: true,
      }),
    );
  } catch (error) {
    // A concurrent request made it first: the unique (viewer, primary) index refused ours.
    if (!(error instanceof AppError && error.code === "duplicate")) throw error;
  }
  return (await findAll(ctx, owner)).map(toProfile);
}

export async function createProfile(ctx: Ctx, owner: Owner, input: CreateProfileInput): Promise<Profile> {
  const limit = await maxProfiles(ctx, owner.storeId);
  const count = await profiles(ctx, owner.storeId).count({ viewerId: owner.viewerId });
  if (count >= limit) {
    throw new AppError("profile_limit_reached", `This store allows at most ${limit} profiles per account`, {
      limit,
    });
  }
  const doc = await profiles(ctx, owner.storeId).insert(
    newDoc(owner, {
      name: input.name,
      avatarUrl: input.avatarUrl ?? null,
      kids: input.kids ?? false,
      language: input.language ?? null,
      pinHash: input.pin === undefined ? null : await hashPassword(ctx.config, input.pin),
      primary: null,
    }),
  );
  return toProfile(doc);
}

export async function updateProfile(
  ctx: Ctx,
  owner: Owner,
  id: string,
  input: UpdateProfileInput,
): Promise<Profile> {
  const before = await getProfileDoc(ctx, owner, id);
  const patch: Patch<ProfileDoc> = { updatedAt: new Date().toISOString() };
  if (input.name !== undefined) patch.name = input.name;
  if (input.avatarUrl !== undefined) patch.avatarUrl = input.avatarUrl;
  if (input.kids !== undefined) patch.kids = input.kids;
  if (input.language !== undefined) patch.language = input.language;
  if (input.pin !== undefined)
    patch.pinHash = input.pin === null ? null : await hashPassword(ctx.config, input.pin);
  const after = await profiles(ctx, owner.storeId).update(id, patch, { expectVersion: before._v });
  if (!after) throw new AppError("not_found", "Profile not found");
  return toProfile(after);
}

export async function deleteProfile(ctx: Ctx, owner: Owner, id: string): Promise<void> {
  await getProfileDoc(ctx, owner, id);
  await profiles(ctx, owner.storeId).delete(id);
}
