/**
 * Turns a route token into a session: verify it locally, check it is for this route's stream,
 * then open (or re-join) the screen session. An expired token still re-joins the session it
 * opened while that session lives, so players that re-poll the original URL keep working.
 */
import { EdgeError, isEdgeError, isTokenRejection } from "../errors/edge-error.ts";
import type { ViewerSession } from "../session/session-store.ts";
import type { RouteClaims } from "../token/claims.ts";
import type { EdgeContext } from "./edge-context.ts";

export interface RouteExpectation {
  streamId: string;
  /** True when the claims fit the route (stream type and format). */
  fits: (claims: RouteClaims) => boolean;
}

/** Stream ids in URLs may carry a file extension (`123.mkv`); tokens name the bare id. */
function sameStream(claimed: string, routed: string): boolean {
  return claimed === routed || claimed === routed.replace(/\.[A-Za-z0-9]{1,5}$/, "");
}

function checkRoute(claims: RouteClaims, expected: RouteExpectation): void {
  if (!sameStream(claims.stm, expected.streamId) || !expected.fits(claims)) {
    throw new EdgeError("token_wrong_stream", "Route token is for another stream or format");
  }
}

async function verify(
  context: EdgeContext,
  token: string | null,
  expected: RouteExpectation,
): Promise<ViewerSession> {
  try {
    const claims = await context.verifier.verify(token);
    checkRoute(claims, expected);
    if (context.isDraining()) {
      const existing = context.store.rejoin(claims);
      if (existing !== undefined) return existing;
      throw new EdgeError("draining", "This edge is draining and takes no new sessions");
    }
    const session = context.store.open(claims);
    if (session === undefined) throw new EdgeError("session_expired", "This screen session has been revoked");
    return session;
  } catch (error) {
    if (!isEdgeError(error) || error.code !== "token_expired" || token === null) throw error;
    const claims = await context.verifier.verify(token, { allowExpired: true });
    checkRoute(claims, expected);
    const session = context.store.rejoin(claims);
    if (session === undefined) throw error;
    return session;
  }
}

/** Admits a request carrying a route token; counts refusals by reason. */
export async function admit(
  context: EdgeContext,
  request: Request,
  expected: RouteExpectation,
): Promise<ViewerSession> {
  const token = new URL(request.url).searchParams.get("token");
  try {
    return await verify(context, token, expected);
  } catch (error) {
    if (isEdgeError(error) && isTokenRejection(error.code)) {
      context.tokenRejections.set(error.code, (context.tokenRejections.get(error.code) ?? 0) + 1);
    }
    throw error;
  }
}
