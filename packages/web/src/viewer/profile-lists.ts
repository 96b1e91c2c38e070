/**
 * A profile's favorites and watch progress, kept by the API (so they follow the viewer to the
 * TV and desktop apps): favorites toggle optimistically; progress is saved as playback runs.
 */
import type { NeveWatchClient } from "@nevewatch/sdk";
import { createResource, createSignal } from "solid-js";

export function createFavorites(api: NeveWatchClient, profileId: () => string | null) {
  const [ids, setIds] = createSignal<Set<string>>(new Set());
  createResource(profileId, async (id) => {
    const list = await api
      .GET("/v1/me/profiles/{id}/favorites", { params: { path: { id } } })
      .catch(() => null);
    setIds(new Set((list?.items ?? []).map((f) => f.item.id)));
    return true;
  });
  return {
    has: (itemId: string) => ids().has(itemId),
    async toggle(itemId: string) {
      const id = profileId();
      if (!id) return;
      const adding = !ids().has(itemId);
      const next = new Set(ids());
      if (adding) next.add(itemId);
      else next.delete(itemId);
      setIds(next);
      const path = { params: { path: { id, itemId } } };
      try {
        if (adding) await api.PUT("/v1/me/profiles/{id}/favorites/{itemId}", path);
        else await api.DELETE("/v1/me/profiles/{id}/favorites/{itemId}", path);
      } catch {
        // Put the list back as the API has it.
        const back = new Set(ids());
        if (adding) back.delete(itemId);
        else back.add(itemId);
        setIds(back);
      }
    },
  };
}

export interface ContinueEntry {
  id: string;
  name: string;
  type: string;
  logo: string | null;
  position: number;
  duration: number;
}

/** Movies and episodes started and not finished, newest first. */
export async function continueWatching(api: NeveWatchClient, profileId: string): Promise<ContinueEntry[]> {
  const list = await api.GET("/v1/me/profiles/{id}/continue", { params: { path: { id: profileId } } });
  return list.items.map((entry) => ({
    id: entry.item.id,
    name: entry.item.name,
    type: entry.item.type,
    logo: entry.item.logo,
    position: Number(entry.position),
    duration: Number(entry.duration ?? 0),
  }));
}

export async function saveProgress(
  api: NeveWatchClient,
  profileId: string,
  itemId: string,
  position: number,
  duration: number,
): Promise<void> {
  await api
    .PUT("/v1/me/profiles/{id}/progress/{itemId}", {
      params: { path: { id: profileId, itemId } },
      body: { position: Math.floor(position), ...(duration > 0 ? { duration: Math.floor(duration) } : {}) },
    })
    .catch(() => undefined);
}
