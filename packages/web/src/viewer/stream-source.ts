/**
 * Asks the API for a playable URL (node route) for a catalog item, on this browser's screen.
 * Plan, screen and node problems come back as `ApiProblem` codes for the player to show.
 */
import type { NeveWatchClient } from "@nevewatch/sdk";
import { deviceId } from "./device-id.ts";
import type { PlayerSource } from "./player.tsx";

export type StreamType = "live" | "vod" | "series";

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
