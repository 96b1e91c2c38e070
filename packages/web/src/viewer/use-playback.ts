/**
 * Playback state for a list of playable items: which one plays, its resolved source, and the
 * problem (by code) that stops it. Shared by live TV, movies and series. When the page goes
 * away (tab closed, reload, navigation elsewhere) the screen its route holds is released at
 * once, so the viewer's next device or the reloaded page is never locked out by this one.
 */
import { isApiProblem, type NeveWatchClient } from "@nevewatch/sdk";
import { createSignal, onCleanup } from "solid-js";
import { isServer } from "solid-js/web";
import type { PlayerSource } from "./player.tsx";
import { type RoutedSource, type StreamType, streamSource } from "./stream-source.ts";

export interface PlaybackError {
  code: string;
}

/** Frees the route's screen; a keep-alive request, so it still goes out while the page unloads. */
export function releaseRoute(api: NeveWatchClient, route: Pick<RoutedSource, "sessionId" | "gen">): void {
  api
    .DELETE("/v1/me/screens/{sessionId}", {
      params: { path: { sessionId: route.sessionId }, query: { gen: route.gen } },
      keepalive: true,
    })
    .catch(() => undefined);
}

export function createPlayback(api: NeveWatchClient) {
  const [currentId, setCurrentId] = createSignal<string | null>(null);
  const [source, setSource] = createSignal<PlayerSource | null>(null);
  const [error, setError] = createSignal<PlaybackError | null>(null);
  const [loading, setLoading] = createSignal(false);
  let request = 0;
  let routed: RoutedSource | null = null;

  const play = async (type: StreamType, id: string) => {
    const mine = ++request;
    setCurrentId(id);
    setError(null);
    setSource(null);
    setLoading(true);
    try {
      const next = await streamSource(api, type, id);
      if (mine === request) {
        routed = next;
        setSource({ url: next.url, format: next.format });
      }
    } catch (e) {
      if (mine === request) setError({ code: isApiProblem(e) ? e.code : "network_error" });
    } finally {
      if (mine === request) setLoading(false);
    }
  };

  const release = () => {
    if (routed) releaseRoute(api, routed);
    routed = null;
  };
  if (!isServer) {
    window.addEventListener("pagehide", release);
    onCleanup(() => {
      window.removeEventListener("pagehide", release);
      // Leaving the player page inside the app frees the screen too.
      release();
    });
  }

  return {
    currentId,
    source,
    error,
    loading,
    play,
    fail: (code: string) => {
      setError({ code });
      setSource(null);
    },
  };
}
