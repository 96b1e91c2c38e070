/**
 * @nevewatch/sdk: the typed client of the NeveWatch API, for the web, desktop and webOS apps
 * and third parties. Types are generated from the API's served OpenAPI document
 * (`scripts/generate.ts`); the runtime is openapi-fetch plus token refresh and problem errors.
 */
export {
  ApiProblem,
  isApiProblem,
  type KnownProblemCode,
  type Problem,
  type ProblemCode,
} from "./src/api-problem.ts";
export { REFRESH_PATH } from "./src/auth-fetch.ts";
export {
  type Call,
  type ClientOptions,
  createClient,
  type NeveWatchClient,
  type RequestBody,
  type ResponseBody,
} from "./src/client.ts";

import type { components } from "./src/gen/schema.ts";

/** The API's fixed lists, generated from the spec's named enums (`src/gen/enums.ts`). */
export { PERMISSIONS, PROBLEM_CODES } from "./src/gen/enums.ts";
export type { components, operations, paths } from "./src/gen/schema.ts";
/** A permission staff members and API keys can hold (the API's one list). */
export type Permission = components["schemas"]["Permission"];
export { type SubscribeOptions, type Subscription, subscribe } from "./src/realtime.ts";
export { memoryTokenStore, type TokenStore, type Tokens, webStorageTokenStore } from "./src/token-store.ts";
