/**
 * The request pipeline shared by every route: request ids, body limits, problem+json
 * errors, one access-log line and HTTP metrics per request.
 *
 * Body limits (methods that carry bodies; GET and HEAD skip the checks: no route reads their
 * body, and Bun discards it unread): a declared Content-Length over the limit is refused here,
 * before any route runs and before a byte of the body is read.
 * A chunked body (no length) is read here in full, up to the limit, and the request is then
 * handed on to the app again with its length declared, or refused, so every route, with or
 * without a body, sees it exactly as if its length had been declared. Both answer the same 413
 * `payload_too_large` problem. Bun has no cap of its own (`BUN_BODY_CAP`): its cap answered a
 * bare 413 and reset the connection under a client still sending. JSON parsing stays Elysia's own, so the OpenAPI
 * document keeps every request body's content type and schema.
 *
 * Body policy (`body-policy.ts`), after parsing and before any route's own checks: a body must be
 * of a media type its route declares (415), and may hold no `__proto__` / `constructor` /
 * `prototype` key at any depth (400).
 */
import { Elysia } from "elysia";
import type { AppContext } from "../context.ts";
import { AppError, isAppError } from "../errors/app-error.ts";
import type { Logger } from "../log/logger.ts";
import { readBounded, tooLarge, withReadBody } from "./body.ts";
import {
  bodyTypesByRoute,
  checkKeys,
  checkMediaType,
  lowerMediaType,
  mediaTypeOf,
  type RouteShape,
  unsupportedMediaType,
} from "./body-policy.ts";
import { problemResponse } from "./problem.ts";

interface RequestState {
  id: string;
  start: number;
  /** Created on first use: most requests log only their access line. */
  child: Logger | undefined;
  /** Counted already (an error's problem response also passes mapResponse). */
  finished: boolean;
  /** The request as Bun received it, when its chunked body was read and the request handed on. */
  received: Request | undefined;
  /** Why a handed-on request is refused (its chunked body was too large or unreadable). */
  refused: AppError | undefined;
}

const SLOW_SECONDS = 1;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const states = new WeakMap<Request, RequestState>();

function stateOf(request: Request): RequestState {
  let state = states.get(request);
  if (!state) {
    const given = request.headers.get("x-request-id");
    const id = given && REQUEST_ID.test(given) ? given : Bun.randomUUIDv7();
    state = {
      id,
      start: performance.now(),
      child: undefined,
      finished: false,
      received: undefined,
      refused: undefined,
    };
    states.set(request, state);
  }
  return state;
}

/** The id of a request (the caller's X-Request-Id when safe, else generated), as echoed back. */
export function requestIdOf(request: Request): string {
  return stateOf(request).id;
}

/**
 * The request as the server received it: `server.requestIP` knows only that one, and a request
 * with a chunked body reaches routes as a copy carrying the body read in full.
 */
export function receivedRequest(request: Request): Request {
  return states.get(request)?.received ?? request;
}

/** The logger of one request: every line it writes carries the request id. */
export function requestLog(request: Request, log: Logger): Logger {
  const state = stateOf(request);
  state.child ??= log.child({ reqId: state.id });
  return state.child;
}

interface ValidationIssue {
  path: string;
  message: string;
}

/** Elysia's validation error lists every failing field; keep path and message only. */
function validationIssues(error: unknown): ValidationIssue[] {
  const all = (error as { all?: Array<{ path?: string; message?: string; summary?: string }> }).all ?? [];
  return all.map((e) => ({
    path: pointerOf(e.path ?? ""),
    message: e.summary ?? e.message ?? "Invalid value",
  }));
}

/**
 * Paths as JSON pointers (`/sessions/0/sid`), as TypeBox names them: Elysia names a Standard
 * Schema's (the edge contract's zod schemas) `sessions.0.sid`, and the whole value `root`.
 */
function pointerOf(path: string): string {
  if (path === "" || path.startsWith("/")) return path;
  return path === "root" ? "" : `/${path.split(".").join("/")}`;
}

function toAppError(code: string | number, error: unknown, limit: number): AppError {
  if (isAppError(error)) return error;
  // Errors thrown by our own body parser arrive wrapped in Elysia's ParseError.
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (isAppError(cause)) return cause;
  switch (code) {
    case "NOT_FOUND":
      return new AppError("route_not_found", "No route matches this method and path");
    case "VALIDATION": {
      const on = (error as { type?: string }).type ?? "request";
      const errors = validationIssues(error);
      const where = errors[0]?.path ? ` at ${errors[0].path}` : "";
      return new AppError("validation_failed", `Invalid ${on}${where}: ${errors[0]?.message ?? "invalid"}`, {
        on,
        errors,
      });
    }
    case "PARSE":
      return new AppError("malformed_json", "Request body could not be parsed");
    case "INVALID_COOKIE_SIGNATURE":
      return new AppError("bad_request", "Cookie signature is invalid");
    case 413:
      return tooLarge(limit);
    default:
      return new AppError("internal", "Something went wrong on our side; the error was logged");
  }
}

interface Finished {
  request: Request;
  route: string;
  path: string;
  status: number;
}

/** Carries the answer of a request handed on through the app again (see onRequest). */
class HandedOn extends Error {
  constructor(readonly answer: Promise<Response>) {
    super("handed on");
  }
}

/** Runs a request through the whole app (its routes and this pipeline). */
export type Dispatch = (request: Request) => Promise<Response>;

/** Reads a chunked body up to the limit, then runs the request again with it (or refused). */
async function admitChunked(
  request: Request,
  state: RequestState,
  limit: number,
  dispatch: Dispatch,
): Promise<Response> {
  const read = request.body ? await readBounded(request.body, limit) : { bytes: new Uint8Array() };
  const handedOn = withReadBody(request, read);
  state.received = request;
  if ("refused" in read) state.refused = read.refused;
  states.set(handedOn, state);
  return dispatch(handedOn);
}

/**
 * The pipeline plugin. `dispatch` is the composed app's own `handle`: a request whose chunked
 * body was read here goes through it again, with the length now declared. `routes` are the
 * composed app's routes, read on first use, for the media types each route's body may have.
 */
export function pipeline(
  ctx: AppContext,
  dispatch: Dispatch,
  routes: () => readonly RouteShape[] = () => [],
) {
  const limit = ctx.config.BODY_LIMIT_BYTES;
  let bodyTypes: { size: number; byRoute: Map<string, readonly string[]> } | undefined;
  /** The media types a route's body may have; undefined for a route that takes no body. */
  const bodyTypesOf = (method: string, route: string | undefined): readonly string[] | undefined => {
    const all = routes();
    if (bodyTypes?.size !== all.length) bodyTypes = { size: all.length, byRoute: bodyTypesByRoute(all) };
    return route === undefined ? undefined : bodyTypes.byRoute.get(`${method} ${route}`);
  };
  /** Counts and (for failures and slow requests) logs one finished request. */
  const finish = ({ request, route, path, status }: Finished) => {
    const state = stateOf(request);
    if (state.finished) return;
    state.finished = true;
    const seconds = (performance.now() - state.start) / 1000;
    ctx.metrics.http.observe(request.method, route, status, seconds);
    // Every request is counted in the metrics; the access line is written at info level only
    // for failures and slow requests, so a busy healthy API does not spend itself on logging.
    const level = status >= 400 || seconds >= SLOW_SECONDS ? "info" : "debug";
    if (ctx.log.isLevelEnabled(level))
      ctx.log[level](
        { reqId: state.id, method: request.method, route, path, status, ms: seconds * 1000 },
        "request",
      );
  };
  /** Starts the request's state and applies the body limit (see onRequest). */
  const admit = (request: Request): void => {
    const state = stateOf(request);
    // Bodiless methods: nothing to limit (a body sent anyway is discarded unread by Bun).
    if (request.method === "GET" || request.method === "HEAD") return;
    if (state.refused) throw state.refused;
    lowerMediaType(request);
    const declared = request.headers.get("content-length");
    if (declared !== null) {
      if (Number(declared) > limit) throw tooLarge(limit);
    } else if (state.received === undefined && request.headers.get("transfer-encoding") !== null) {
      throw new HandedOn(admitChunked(request, state, limit, dispatch));
    }
  };
  // Success is recorded in mapResponse and failure in onError: both run in the request's own
  // turn, which measured cheaper than an onAfterResponse hook on every request.
  return (
    new Elysia({ name: "pipeline" })
      // Nothing is returned from this hook: one that may return makes Elysia take a slower path
      // for every request (measured: /health/live 0.63x -> 0.48x of bare Bun). A chunked body is
      // handed on by throwing its pending answer to onError instead. Destructured: Elysia builds
      // only the context fields a hook names.
      .onRequest(({ request }) => {
        admit(request);
      })
      // After parsing, before validation and every route's own hooks. Naming `body` here makes
      // Elysia parse the body of every route that gets one, so none escapes the key check.
      .onTransform({ as: "global" }, ({ request, body, route }) => {
        if (request.method === "GET" || request.method === "HEAD") return;
        const accepted = bodyTypesOf(request.method, route);
        if (accepted) checkMediaType(request, accepted);
        checkKeys(body);
      })
      .onError({ as: "global" }, (c) => {
        const { code, error, request, path, set } = c;
        // The request went through the app again; that pass answers and counts it.
        if (error instanceof HandedOn) return error.answer;
        const state = stateOf(request);
        // A body Elysia could not parse is first of all one of a type the route does not take.
        const accepted =
          code === "PARSE" ? bodyTypesOf(request.method, (c as { route?: string }).route) : undefined;
        const type = mediaTypeOf(request);
        const appError =
          accepted && !accepted.includes(type)
            ? unsupportedMediaType(type, accepted)
            : toAppError(code, error, limit);
        set.status = appError.status;
        if (appError.status >= 500)
          requestLog(request, ctx.log).error({ err: error, code }, "request failed");
        // No route yet for a 404 or a body refused before routing; the raw path would let any
        // client mint metric series.
        const route = (c as { route?: string }).route || "unmatched";
        finish({ request, route, path, status: appError.status });
        return problemResponse(
          appError,
          { instance: path, requestId: state.id },
          { "x-request-id": state.id },
        );
      })
      .mapResponse({ as: "global" }, (c) => {
        // The id header is added here rather than in onRequest: measured cheaper, same result.
        c.set.headers["x-request-id"] = stateOf(c.request).id;
        const status = typeof c.set.status === "number" ? c.set.status : 200;
        finish({
          request: c.request,
          route: (c as { route?: string }).route || "unmatched",
          path: c.path,
          status,
        });
      })
  );
}

/**
 * `beforeHandle` for routes whose JSON body is optional. Elysia reads malformed JSON there as
 * "no body" and the action would run without it; a body that was sent but did not parse is a
 * 400 instead. (A global parser would do it for every route, but it hides the request bodies
 * from the OpenAPI document, so the few optional-body routes opt in.)
 */
export function refuseUnparsedBody({ body, request }: { body: unknown; request: Request }): void {
  // A body was read (Elysia tried to parse it) but came out as nothing; an empty one is fine.
  if (body !== undefined || !request.bodyUsed || request.headers.get("content-length") === "0") return;
  throw new AppError("malformed_json", "Request body could not be parsed");
}
