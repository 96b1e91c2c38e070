/**
 * Turns a route token into a session: verify it locally, check it is for this route's stream,
 * then open the session it names. An expired token only re-joins the session it opened while
 * that session lives (a film's player re-requests its URL on every seek); it never opens a new
 * one. A revoked or superseded screen generation is refused with its own code.
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

export interface Admission {
  session: ViewerSession;
  /** True when this request opened the session; false when an earlier use of the token did. */
  fresh: boolean;
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

async function claimsOf(context: EdgeContext, token: string | null, expected: RouteExpectation) {
  try {
    const claims = await context.verifier.verify(token);
    checkRoute(claims, expected);
    return claims;
  } catch (error) {
    if (!isEdgeError(error) || error.code !== "token_expired" || token === null) throw error;
    const claims = await context.verifier.verify(token, { allowExpired: true });
    checkRoute(claims, expected);
    if (!context.store.opened(claims.jti)) throw error;
    return claims;
  }
}

async function verify(context: EdgeContext, token: string | null, expected: RouteExpectation) {
  const claims = await claimsOf(context, token, expected);
  const opened = context.store.open(claims);
  if (!opened.ok) {
    throw opened.reason === "revoked"
      ? new EdgeError("session_revoked", "This screen session has been signed out or revoked")
      : new EdgeError("session_superseded", "This screen has moved to a newer stream; ask for a new route");
  }
  if (opened.fresh && context.isDraining()) {
    context.store.drop(opened.session);
    throw new EdgeError("draining", "This edge is draining and takes no new sessions");
  }
  return opened;
}

/** Admits a request carrying a route token; counts refusals by reason. */
export async function admit(
  context: EdgeContext,
  request: Request,
  expected: RouteExpectation,
): Promise<Admission> {
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
