/**
 * The node's client for the control-plane API (see `api-contract.ts`). Every call has a timeout;
 * every response is validated; failures are `ApiError`s carrying the status and problem code.
 */
import type { z } from "zod";
import {
  type EndSessionsRequest,
  type HeartbeatRequest,
  HeartbeatResponse,
  NO_UPSTREAM_SLOT,
  OkResponse,
  type RegisterRequest,
  RegisterResponse,
  RevocationsResponse,
  SourcesResponse,
  type UpstreamLeaseRequest,
} from "./api-contract.ts";
import type { StreamType } from "./token/claims.ts";
import type { Source } from "./upstream/source.ts";

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    message: string,
    /** HTTP status, or 0 when the API could not be reached. */
    readonly status: number,
    /** The problem `code` from the API's problem+json, when it sent one. */
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** How long the API holds a revocations poll open when nothing happens. */
export const REVOCATIONS_WAIT_MS = 20_000;

export interface ApiClientOptions {
  baseUrl: string;
  nodeId: string;
  credential?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface ApiClient {
  register(body: RegisterRequest): Promise<RegisterResponse>;
  sources(type: StreamType, streamId: string): Promise<Source[]>;
  /** True when the API granted a slot, false when it answered `no_upstream_slot`. */
  acquire(body: UpstreamLeaseRequest): Promise<boolean>;
  release(body: UpstreamLeaseRequest): Promise<void>;
  heartbeat(body: HeartbeatRequest): Promise<HeartbeatResponse>;
  endSessions(sessions: EndSessionsRequest["sessions"]): Promise<void>;
  /** Waits (long poll, up to ~20 s) for screens revoked after `after` (ms, the API's clock). */
  revocations(after: number): Promise<RevocationsResponse>;
}

async function problemCode(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { code?: unknown };
    return typeof body.code === "string" ? body.code : undefined;
  } catch {
    return undefined;
  }
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5000;

  async function call<T>(
    method: string,
    path: string,
    schema: z.ZodType<T> | undefined,
    body?: unknown,
    callTimeoutMs = timeoutMs,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (options.credential !== undefined)
      headers.authorization = `Node ${options.nodeId}:${options.credential}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(callTimeoutMs),
      });
    } catch (error) {
      throw new ApiError(`API unreachable for ${method} ${path}: ${(error as Error).message}`, 0, undefined);
    }
    if (!response.ok) {
      const code = await problemCode(response);
      throw new ApiError(`API answered ${response.status} to ${method} ${path}`, response.status, code);
    }
    if (schema === undefined) {
      await response.body?.cancel();
      return undefined as T;
    }
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success)
      throw new ApiError(`API sent an unexpected body for ${method} ${path}`, response.status, undefined);
    return parsed.data;
  }

  return {
    register: (body) => call("POST", "/v1/edge/register", RegisterResponse, body),
    async sources(type, streamId) {
      const path = `/v1/edge/streams/${encodeURIComponent(type)}/${encodeURIComponent(streamId)}/sources`;
      return (await call("GET", path, SourcesResponse)).sources;
    },
    async acquire(body) {
      try {
        await call("POST", "/v1/edge/upstreams/acquire", OkResponse, body);
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.code === NO_UPSTREAM_SLOT.code) return false;
        throw error;
      }
    },
    release: (body) => call("POST", "/v1/edge/upstreams/release", undefined, body),
    heartbeat: (body) => call("POST", "/v1/edge/heartbeat", HeartbeatResponse, body),
    endSessions: (sessions) => call("POST", "/v1/edge/sessions/end", undefined, { sessions }),
    revocations: (after) =>
      call(
        "GET",
        `/v1/edge/revocations?after=${Math.max(0, Math.floor(after))}`,
        RevocationsResponse,
        undefined,
        REVOCATIONS_WAIT_MS + timeoutMs,
      ),
  };
}
