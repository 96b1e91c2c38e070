/**
 * Playback state for a list of playable items: which one plays, its resolved source, and the
 * problem (by code) that stops it. Shared by live TV, movies and series.
 */
import { isApiProblem, type NeveWatchClient } from "@nevewatch/sdk";
import { createSignal } from "solid-js";
import type { PlayerSource } from "./player.tsx";
import { type StreamType, streamSource } from "./stream-source.ts";

export interface PlaybackError {
  code: string;
}

export function createPlayback(api: NeveWatchClient) {
  const [currentId, setCurrentId] = createSignal<string | null>(null);
  const [source, setSource] = createSignal<PlayerSource | null>(null);
  const [error, setError] = createSignal<PlaybackError | null>(null);
  const [loading, setLoading] = createSignal(false);
  let request = 0;

  const play = async (type: StreamType, id: string) => {
    const mine = ++request;
    setCurrentId(id);
    setError(null);
    setSource(null);
    setLoading(true);
    try {
      const next = await streamSource(api, type, id);
      if (mine === request) setSource(next);
    } catch (e) {
      if (mine === request) setError({ code: isApiProblem(e) ? e.code : "network_error" });
    } finally {
      if (mine === request) setLoading(false);
    }
  };

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
