/**
 * Asks the API for a playable URL (node route) for a catalog item, on this browser's screen.
 * Plan, screen and node problems come back as `ApiProblem` codes for the player to show.
 */
import type { NeveWatchClient, paths } from "@nevewatch/sdk";
import { deviceId } from "./device-id.ts";
import type { PlayerSource } from "./player.tsx";

/** The API's stream type (the edge wire contract's): `vod` plays a movie, `series` an episode. */
export type StreamType = NonNullable<
  paths["/v1/streaming/node-route"]["get"]["parameters"]["query"]
>["streamType"];

export interface RoutedSource extends PlayerSource {
  /** The screen session the route holds; released when the page goes away. */
  sessionId: string;
  /** The route's generation on its screen: releasing it frees nothing newer. */
  gen: number;
}

export async function streamSource(
  api: NeveWatchClient,
  streamType: StreamType,
  streamId: string,
): Promise<RoutedSource> {
  const route = await api.GET("/v1/streaming/node-route", {
    params: {
      query: {
        streamType,
        streamId,
        screen: deviceId(),
        ...(streamType === "live" ? { format: "hls" as const } : {}),
      },
    },
  });
  return { url: route.url, format: route.format, sessionId: route.sessionId, gen: Number(route.gen) };
}
