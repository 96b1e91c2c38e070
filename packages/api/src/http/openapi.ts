/**
 * The served OpenAPI 3.1 document (raw JSON at `/openapi/json`, browsable UI at `/openapi`).
 * The SDK is generated from exactly this document.
 */
import { openapi } from "@elysiajs/openapi";
import { type DocumentDecoration, Elysia } from "elysia";
import { PermissionSchema } from "../auth/permissions.ts";
import { conformedOnce, NODE_SECURITY_SCHEME } from "./openapi-conform.ts";
import { ProblemCodeSchema } from "./problem.ts";

export const API_VERSION = "0.1.0";

export const TAGS = [
  { name: "health", description: "Liveness, readiness and Prometheus metrics" },
  { name: "realtime", description: "WebSocket topics: import progress, node status, notifications" },
  { name: "jobs", description: "Durable background jobs (platform admins)" },
  { name: "auth", description: "Sign-up, login, tokens and sessions" },
  { name: "stores", description: "Stores (tenants), domains and branding" },
  { name: "users", description: "Accounts of a store: roles and staff permissions" },
  { name: "api-keys", description: "A store's API keys with their permission sets" },
  { name: "audit", description: "Who did what: the audit log of sensitive actions" },
  { name: "plans", description: "Plans a store sells, and its public storefront offer" },
  {
    name: "subscriptions",
    description: "Viewers' plans: manual grants, extensions, suspensions and history",
  },
  { name: "profiles", description: "Viewer profiles with kids flag and optional PIN" },
  { name: "screens", description: "Concurrent playback sessions (screen leases)" },
  { name: "providers", description: "Upstream providers (M3U, Xtream Codes) and their accounts" },
  { name: "catalog", description: "Channels, movies, series, categories, packages and imports" },
  { name: "epg", description: "Programme guide: XMLTV sources, channel matching, now/next and grids" },
  { name: "library", description: "Per-profile favorites, recently watched, continue watching and search" },
  { name: "player-api", description: "Outputs for existing players: M3U, XMLTV and Xtream Codes player API" },
] as const;

const SPEC_PATH = "/openapi/json";

export function openapiPlugin() {
  // The hook sits before the plugin, so it runs on the plugin's own spec route. The models are
  // the fixed lists clients build from, as named schemas (the SDK makes constants of them).
  return new Elysia({ name: "openapi-document" })
    .model({ ProblemCode: ProblemCodeSchema, Permission: PermissionSchema })
    .onAfterHandle(({ path, response }) =>
      path === SPEC_PATH && typeof response === "object" && response !== null
        ? conformedOnce(response as Record<string, unknown>)
        : undefined,
    )
    .use(openapiDocument());
}

function openapiDocument() {
  return openapi({
    path: "/openapi",
    specPath: SPEC_PATH,
    // The plugin drops every path with a dot by default (as static files); the player outputs
    // `get.php`, `xmltv.php` and `player_api.php` are routes like any other.
    exclude: { staticFile: false },
    documentation: {
      openapi: "3.1.0",
      info: {
        title: "NeveWatch API",
        version: API_VERSION,
        description:
          "Control plane of NeveWatch, the white-label IPTV platform. Errors are RFC 9457 problem+json with a stable `code`.",
        license: { name: "MIT", identifier: "MIT" },
      },
      tags: [...TAGS],
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
          apiKey: { type: "apiKey", in: "header", name: "X-Api-Key" },
          node: NODE_SECURITY_SCHEME,
        },
      },
    },
  });
}

/** The `responses` of an operation, as a route's `detail` takes them. */
export type Responses = NonNullable<DocumentDecoration["responses"]>;

/**
 * Problem responses for a route's `detail.responses`. The plugin derives a response's media type
 * from its schema (JSON or plain text only), so a route answering M3U or XML writes all its
 * responses out by hand, and lists its problems here as `problems()` does elsewhere.
 */
export function problemResponses(...statuses: number[]): Responses {
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: `Response for status ${status}`,
        content: { "application/json": { schema: { $ref: "#/components/schemas/Problem" } } },
      },
    ]),
  );
}
