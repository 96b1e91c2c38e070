/**
 * The hook between player stream URLs and the streaming side. The player API checks the line
 * and the plan, then asks `routeFor` where the viewer should be sent; the app wires it to the
 * streaming module's route selection. Without it, stream URLs answer 503 `streaming_unavailable`.
 */
import type { AppContext } from "../../context.ts";
import { AppError } from "../../errors/app-error.ts";
import { streamTypeOf } from "../catalog/mod.ts";
import type { RouteRequest } from "../streaming/mod.ts";
import { itemTypeOfKind, type PlayerKind } from "./player-kinds.ts";

export interface PlayerRouteRequest {
  storeId: string;
  viewerId: string;
  /** As player URLs name them: `live`, `movie` or `series` (an episode). */
  streamType: PlayerKind;
  /** The catalog item id (not the numeric id in the player's URL). */
  streamId: string;
  /** The extension the player asked for: `ts`, `m3u8`, `mkv`… */
  format: string;
  /** One screen per line and client address: players have no device id. */
  sessionId: string;
}

export type RouteFor = (ctx: AppContext, request: PlayerRouteRequest) => Promise<{ url: string }>;

export const routeUnavailable: RouteFor = async () => {
  throw new AppError("streaming_unavailable", "Streaming is not available on this server yet");
};

/** `routeFor` through the streaming module's route selection (screen lease, node, signed URL). */
export function streamingRouteFor(streaming: {
  route(request: RouteRequest): Promise<{ url: string }>;
}): RouteFor {
  return async (_ctx, r) => {
    const format = r.format === "m3u8" ? "hls" : r.format === "ts" ? "ts" : undefined;
    const route = await streaming.route({
      storeId: r.storeId,
      viewerId: r.viewerId,
      sessionId: r.sessionId,
      streamType: streamTypeOf(itemTypeOfKind(r.streamType)),
      streamId: r.streamId,
      ...(format === undefined ? {} : { format }),
    });
    return { url: route.url };
  };
}
