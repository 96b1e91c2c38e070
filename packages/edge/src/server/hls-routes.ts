/** HLS routes: the token entry point and the session-bound playlist and resource paths. */
import { EdgeError } from "../errors/edge-error.ts";
import type { ViewerSession } from "../session/session-store.ts";
import { admit } from "./admit.ts";
import type { EdgeContext } from "./edge-context.ts";

/**
 * `GET /hls/:streamId/index.m3u8?token=…`: opens the session and answers a multivariant
 * playlist whose URIs are session-bound; players fetch it once and then reload only those. A
 * route admits one client: a second entry with the same token while the
 * first client still plays is refused (`route_in_use`); once the first has gone quiet for
 * `hlsClientIdleMs`, a new entry takes the session over and the old session-bound URLs stop.
 */
export async function hlsEntryRoute(
  context: EdgeContext,
  request: Request,
  streamId: string,
): Promise<Response> {
  const { session, fresh } = await admit(context, request, {
    streamId,
    fits: (claims) => claims.fmt === "hls",
  });
  if (!fresh) {
    const quietFor = Date.now() - session.lastSeenAt;
    if (quietFor < context.config.hlsClientIdleMs)
      throw new EdgeError("route_in_use", "This stream URL is already playing on another client");
    context.store.rebind(session);
  }
  return context.hls.entryPlaylist(session);
}

function sessionFor(context: EdgeContext, key: string): ViewerSession {
  const session = context.store.touch(key);
  if (session === undefined) throw new EdgeError("session_expired", "This playback session has ended");
  return session;
}

/** `GET /hls/s/:sessionKey/index.m3u8`. */
export function hlsPlaylistRoute(context: EdgeContext, key: string): Promise<Response> {
  return context.hls.mainPlaylist(sessionFor(context, key));
}

/** `GET /hls/s/:sessionKey/:kind/:ref/:name`. */
export function hlsResourceRoute(
  context: EdgeContext,
  request: Request,
  key: string,
  kind: string,
  ref: string,
): Promise<Response> {
  return context.hls.resource(sessionFor(context, key), kind, ref, request);
}
