/**
 * `createClient`: the typed NeveWatch API client. Paths, parameters, bodies and responses come
 * from the generated `paths` type; error answers throw `ApiProblem`.
 */
import createFetchClient, { type Client, type FetchOptions, type FetchResponse } from "openapi-fetch";
import { ApiProblem } from "./api-problem.ts";
import { type AuthFetch, createAuthFetch } from "./auth-fetch.ts";
import type { paths } from "./gen/schema.ts";
import { type Subscription, subscribe } from "./realtime.ts";
import { memoryTokenStore, type TokenStore, type Tokens } from "./token-store.ts";

export interface ClientOptions {
  /** Origin (and optional prefix) of the API, e.g. `https://api.example.com` or `/api`. */
  baseUrl: string;
  /** Store slug or id sent as `X-Store` (for clients not on the store's own domain). */
  store?: string;
  fetch?: (request: Request) => Promise<Response>;
  /** Where tokens live; defaults to memory. */
  tokens?: TokenStore;
  /** Refresh route; defaults to `/v1/auth/refresh`. */
  refreshPath?: string;
  /**
   * Where the refresh token lives. `store` (default): in `tokens`, sent in the refresh body.
   * `cookie`: in an httpOnly cookie that a same-origin proxy sets from login answers and adds
   * to the refresh call (the web app's `/api`), so page scripts never hold it; `tokens` then
   * keeps only the access token, and a page calls `refresh()` on load to get one.
   */
  refreshTokenIn?: "store" | "cookie";
}

type HttpMethod = "get" | "put" | "post" | "delete" | "patch";
type PathsWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P] extends Record<M, infer Op>
    ? Op extends undefined | never
      ? never
      : P
    : never;
}[keyof paths];
type Operation<P extends keyof paths, M extends HttpMethod> = NonNullable<paths[P][M & keyof paths[P]]>;
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type Init<P extends keyof paths, M extends HttpMethod> = FetchOptions<Operation<P, M>>;
type InitArgs<P extends keyof paths, M extends HttpMethod> =
  RequiredKeys<Init<P, M>> extends never ? [init?: Init<P, M>] : [init: Init<P, M>];
type Data<P extends keyof paths, M extends HttpMethod> = Exclude<
  FetchResponse<
    Operation<P, M> & Record<string | number, unknown>,
    Init<P, M>,
    `${string}/${string}`
  >["data"],
  undefined
>;

/** The success body of an operation, e.g. `ResponseBody<"/v1/public/store", "get">`. */
export type ResponseBody<P extends PathsWith<M>, M extends HttpMethod> = Data<P, M>;
/** The JSON request body of an operation. */
export type RequestBody<P extends PathsWith<M>, M extends HttpMethod> =
  Operation<P, M> extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;

/** A method that resolves with the success body and throws `ApiProblem` otherwise. */
export type Call<M extends HttpMethod> = <P extends PathsWith<M>>(
  path: P,
  ...init: InitArgs<P, M>
) => Promise<Data<P, M>>;

export interface NeveWatchClient {
  GET: Call<"get">;
  POST: Call<"post">;
  PUT: Call<"put">;
  PATCH: Call<"patch">;
  DELETE: Call<"delete">;
  /** The underlying openapi-fetch client (`{ data, error, response }`), for full control. */
  readonly raw: Client<paths>;
  /** `fetch` with the store header, bearer token and refresh, for untyped calls. */
  readonly fetch: AuthFetch;
  readonly tokens: TokenStore;
  readonly baseUrl: string;
  /** Gets new tokens now (shared with a refresh in flight); false when refused or impossible. */
  refresh(): Promise<boolean>;
  /** Keeps the tokens of a login, registration or refresh answer. */
  remember(session: { accessToken: string; refreshToken?: string | null }): Promise<void>;
  /** Forgets the tokens (after logout). */
  forget(): Promise<void>;
  /** WebSocket URL of the realtime endpoint, with the current access token. */
  realtimeUrl(): Promise<string>;
  /**
   * Follows a realtime topic (e.g. `stores/<id>/imports/<importId>`). `url` is the API origin
   * for the socket when `baseUrl` is a path behind a proxy that does not carry WebSockets.
   */
  subscribe(
    topic: string,
    onMessage: (data: unknown) => void,
    options?: { url?: string; onClose?: () => void },
  ): Promise<Subscription>;
}

export function createClient(options: ClientOptions): NeveWatchClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const tokens = options.tokens ?? memoryTokenStore();
  const baseFetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const authFetch = createAuthFetch({
    baseUrl,
    fetch: baseFetch,
    store: options.store,
    tokens,
    refreshPath: options.refreshPath,
    refreshTokenIn: options.refreshTokenIn,
  });
  const inCookie = options.refreshTokenIn === "cookie";
  const raw = createFetchClient<paths>({ baseUrl, fetch: authFetch });

  const call =
    (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE") =>
    async (path: string, init?: object): Promise<unknown> => {
      let result: { data?: unknown; error?: unknown; response: Response };
      try {
        // The generic signature is enforced by `Call`; here the method is used untyped.
        result = await (raw[method] as (p: string, i?: object) => Promise<typeof result>)(path, init);
      } catch (error) {
        throw ApiProblem.network(error);
      }
      if (result.response.ok) return result.data;
      const body =
        result.error && typeof result.error === "object" ? (result.error as Record<string, unknown>) : {};
      throw new ApiProblem(result.response.status, body);
    };

  return {
    GET: call("GET") as Call<"get">,
    POST: call("POST") as Call<"post">,
    PUT: call("PUT") as Call<"put">,
    PATCH: call("PATCH") as Call<"patch">,
    DELETE: call("DELETE") as Call<"delete">,
    raw,
    fetch: authFetch,
    tokens,
    baseUrl,
    refresh: authFetch.refresh,
    async remember(session) {
      const next: Tokens = {
        accessToken: session.accessToken,
        refreshToken: inCookie ? null : (session.refreshToken ?? null),
      };
      await tokens.set(next);
    },
    async forget() {
      await tokens.set(null);
    },
    subscribe(topic, onMessage, extra = {}) {
      const origin =
        extra.url ??
        (baseUrl.startsWith("http") ? baseUrl : `${globalThis.location?.origin ?? ""}${baseUrl}`);
      return subscribe({
        url: origin,
        tokens,
        topic,
        onMessage,
        ...(extra.onClose ? { onClose: extra.onClose } : {}),
      });
    },
    async realtimeUrl() {
      const origin = baseUrl.startsWith("http")
        ? baseUrl
        : `${globalThis.location?.origin ?? "http://localhost"}${baseUrl}`;
      const url = new URL(`${origin}/v1/ws`);
      url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
      const current = await tokens.get();
      if (current) url.searchParams.set("access_token", current.accessToken);
      return url.toString();
    },
  };
}
