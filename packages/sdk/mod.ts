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
export type { components, operations, paths } from "./src/gen/schema.ts";
export { type SubscribeOptions, type Subscription, subscribe } from "./src/realtime.ts";
export { memoryTokenStore, type TokenStore, type Tokens, webStorageTokenStore } from "./src/token-store.ts";
