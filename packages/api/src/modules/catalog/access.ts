/**
 * Who may call each catalog route: the one table the route files enforce (with the `access`
 * option) and the OpenAPI role matrix reads.
 */
import type { AccessRule } from "../../auth/access.ts";
import { storeAdmins, VIEWERS } from "../../auth/actor.ts";

const READ = storeAdmins("catalog.read");
const MANAGE = storeAdmins("catalog.manage");
const SOURCES = storeAdmins("sources.manage");

/** The one place each route's callers are declared. */
export const CATALOG_ACCESS = {
  "GET /v1/catalog/items": READ,
  "GET /v1/catalog/items/:id": READ,
  "PATCH /v1/catalog/items/:id": MANAGE,
  "POST /v1/catalog/items/bulk": MANAGE,
  "POST /v1/catalog/items/reorder": MANAGE,
  "POST /v1/catalog/items/:id/merge": MANAGE,
  "PUT /v1/catalog/items/:id/sources": MANAGE,
  "GET /v1/catalog/categories": READ,
  "POST /v1/catalog/categories": MANAGE,
  "PATCH /v1/catalog/categories/:id": MANAGE,
  "DELETE /v1/catalog/categories/:id": MANAGE,
  "POST /v1/catalog/categories/reorder": MANAGE,
  "GET /v1/catalog/packages": READ,
  "POST /v1/catalog/packages": MANAGE,
  "GET /v1/catalog/packages/:id": READ,
  "PATCH /v1/catalog/packages/:id": MANAGE,
  "DELETE /v1/catalog/packages/:id": MANAGE,
  "POST /v1/catalog/imports": SOURCES,
  "GET /v1/catalog/imports": SOURCES,
  "GET /v1/catalog/imports/:id": SOURCES,
  "GET /v1/me/catalog/items": VIEWERS,
  "GET /v1/me/catalog/categories": VIEWERS,
} as const satisfies Record<string, AccessRule>;
