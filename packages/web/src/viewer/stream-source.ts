/**
 * Asks the API for a playable URL (node route) for a catalog item. Plan, screen and node
 * problems come back as `ApiProblem` codes for the player to show.
 */
import type { NeveWatchClient } from "@nevewatch/sdk";
import type { PlayerSource } from "./player.tsx";

export type StreamType = "live" | "vod" | "series";

export async function streamSource(
  api: NeveWatchClient,
  streamType: StreamType,
  streamId: string,
): Promise<PlayerSource> {
  const route = await api.GET("/v1/streaming/node-route", {
    params: { query: { streamType, streamId, ...(streamType === "live" ? { format: "hls" as const } : {}) } },
  });
  return { url: route.url, format: route.format };
}
