/**
 * `GET /live/:streamId.ts?token=…`: one viewer of a shared live channel. A route admits one
 * connection at a time: a second concurrent reader of the same URL is refused (`route_in_use`);
 * a player that reconnects after its connection dropped gets in while the token is valid.
 */

import { EdgeError } from "../errors/edge-error.ts";
import { admit } from "./admit.ts";
import type { EdgeContext } from "./edge-context.ts";

export async function liveRoute(context: EdgeContext, request: Request, streamId: string): Promise<Response> {
  const { session } = await admit(context, request, {
    streamId,
    fits: (claims) => claims.stt === "live" && claims.fmt === "ts",
  });
  if (request.method === "HEAD") {
    return new Response(null, { headers: { "content-type": "video/mp2t", "cache-control": "no-store" } });
  }
  if (session.attached > 0)
    throw new EdgeError("route_in_use", "This stream URL is already playing on another connection");
  context.store.attach(session);
  let viewer: Awaited<ReturnType<typeof context.live.join>>;
  try {
    viewer = await context.live.join(session.streamId, session.key, context.config.startTimeoutMs);
  } catch (error) {
    context.store.detach(session);
    throw error;
  }
  viewer.whenEnded
    .then((reason) => {
      context.store.detach(session);
      context.logger.debug({ sid: session.sid, streamId: session.streamId, reason }, "live viewer ended");
    })
    .catch(() => {});
  return new Response(viewer.stream, {
    headers: { "content-type": "video/mp2t", "cache-control": "no-store" },
  });
}
