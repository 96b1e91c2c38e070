/**
 * Viewer profiles (name, avatar, language, kids flag, optional PIN): CRUD by the viewer on
 * their own account, up to the store's `settings.maxProfiles`, and a rate-limited PIN check.
 * The first profile appears on its own the first time the viewer lists them.
 */
import { Elysia, t } from "elysia";
import { type AccessRule, accessPlugin, actorOf } from "../../auth/access.ts";
import { VIEWERS } from "../../auth/actor.ts";
import type { Authenticate, Principal } from "../../auth/principal.ts";
import { rateLimitPlugin, withRetryAfter } from "../../auth/route-limits.ts";
import type { AppContext } from "../../context.ts";
import { problems } from "../../http/problem.ts";
import { targetStore, tenancyPlugin } from "../tenancy/mod.ts";
import {
  CreateProfileBody,
  ProfileList,
  ProfileParams,
  ProfileSchema,
  UpdateProfileBody,
  VerifyPinBody,
  VerifyPinResult,
} from "./model.ts";
import { verifyPin } from "./pin.ts";
import {
  createProfile,
  deleteProfile,
  getProfileDoc,
  listProfiles,
  maxProfiles,
  type Owner,
  toProfile,
  updateProfile,
} from "./service.ts";

export type { Profile } from "./model.ts";
export { PROFILES_COLLECTION } from "./model.ts";
export { getProfileDoc } from "./service.ts";

/** The one place each route's callers are declared (enforced by the `access` option). */
export const PROFILE_ACCESS = {
  "GET /v1/me/profiles": VIEWERS,
  "POST /v1/me/profiles": VIEWERS,
  "GET /v1/me/profiles/:id": VIEWERS,
  "PATCH /v1/me/profiles/:id": VIEWERS,
  "DELETE /v1/me/profiles/:id": VIEWERS,
  "POST /v1/me/profiles/:id/pin/verify": VIEWERS,
} as const satisfies Record<string, AccessRule>;

const TAGS = ["profiles"];

export function profilesModule(ctx: AppContext, authenticate: Authenticate) {
  const access = PROFILE_ACCESS;
  const ownerOf = (principal: Principal | null, tenant: Parameters<typeof targetStore>[1]): Owner => {
    const viewer = actorOf(principal);
    return { storeId: targetStore(viewer, tenant), viewerId: viewer.id };
  };
  return new Elysia({ name: "profiles" })
    .use(accessPlugin(authenticate))
    .use(tenancyPlugin(ctx))
    .use(rateLimitPlugin(ctx, "api"))
    .get(
      "/v1/me/profiles",
      async ({ principal, tenant }) => {
        const owner = ownerOf(principal, tenant);
        const [items, limit] = await Promise.all([listProfiles(ctx, owner), maxProfiles(ctx, owner.storeId)]);
        return { items, limit };
      },
      {
        access: access["GET /v1/me/profiles"],
        detail: { summary: "The caller's profiles (the first one is created on first use)", tags: TAGS },
        response: { 200: ProfileList, ...problems(401, 403) },
      },
    )
    .post(
      "/v1/me/profiles",
      async ({ principal, tenant, body, set }) => {
        const profile = await createProfile(ctx, ownerOf(principal, tenant), body);
        set.status = 201;
        return profile;
      },
      {
        access: access["POST /v1/me/profiles"],
        body: CreateProfileBody,
        detail: { summary: "Add a profile (409 profile_limit_reached past the store's limit)", tags: TAGS },
        response: { 201: ProfileSchema, ...problems(400, 401, 403, 409) },
      },
    )
    .get(
      "/v1/me/profiles/:id",
      async ({ principal, tenant, params }) =>
        toProfile(await getProfileDoc(ctx, ownerOf(principal, tenant), params.id)),
      {
        access: access["GET /v1/me/profiles/:id"],
        params: ProfileParams,
        detail: { summary: "Read one of the caller's profiles", tags: TAGS },
        response: { 200: ProfileSchema, ...problems(401, 403, 404) },
      },
    )
    .patch(
      "/v1/me/profiles/:id",
      ({ principal, tenant, params, body }) =>
        updateProfile(ctx, ownerOf(principal, tenant), params.id, body),
      {
        access: access["PATCH /v1/me/profiles/:id"],
        params: ProfileParams,
        body: UpdateProfileBody,
        detail: { summary: "Change a profile; `pin: null` removes its PIN", tags: TAGS },
        response: { 200: ProfileSchema, ...problems(400, 401, 403, 404, 409) },
      },
    )
    .delete(
      "/v1/me/profiles/:id",
      async ({ principal, tenant, params, set }) => {
        await deleteProfile(ctx, ownerOf(principal, tenant), params.id);
        set.status = 204;
      },
      {
        access: access["DELETE /v1/me/profiles/:id"],
        params: ProfileParams,
        detail: { summary: "Delete a profile", tags: TAGS },
        response: { 204: t.Void(), ...problems(401, 403, 404) },
      },
    )
    .post(
      "/v1/me/profiles/:id/pin/verify",
      async ({ principal, tenant, params, body, set }) => {
        await withRetryAfter(set, verifyPin(ctx, ownerOf(principal, tenant), params.id, body.pin));
        return { valid: true as const };
      },
      {
        access: access["POST /v1/me/profiles/:id/pin/verify"],
        params: ProfileParams,
        body: VerifyPinBody,
        detail: {
          summary: "Check a profile's PIN (403 pin_incorrect; 429 after repeated failures)",
          tags: TAGS,
        },
        response: { 200: VerifyPinResult, ...problems(400, 401, 403, 404, 429) },
      },
    );
}
