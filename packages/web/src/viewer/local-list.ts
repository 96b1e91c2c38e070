/**
 * Small per-profile lists kept on the device (favorites, watch positions): the API has no
 * route for them, and they are a property of this screen rather than of the account.
 */
import { createSignal } from "solid-js";
import { isServer } from "solid-js/web";

function read<T>(key: string, fallback: T): T {
  if (isServer) return fallback;
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function createFavorites(key: () => string) {
  const [ids, setIds] = createSignal<string[]>(read(key(), []));
  return {
    ids,
    has: (id: string) => ids().includes(id),
    toggle(id: string) {
      const next = ids().includes(id) ? ids().filter((x) => x !== id) : [...ids(), id];
      setIds(next);
      localStorage.setItem(key(), JSON.stringify(next));
    },
  };
}

export interface WatchPosition {
  id: string;
  name: string;
  type: string;
  position: number;
  duration: number;
  updatedAt: number;
}

/** Where the viewer stopped in movies and episodes, newest first. */
export function readPositions(key: string): WatchPosition[] {
  return read<WatchPosition[]>(key, []).sort((a, b) => b.updatedAt - a.updatedAt);
}

export function savePosition(key: string, entry: WatchPosition): void {
  const rest = read<WatchPosition[]>(key, []).filter((p) => p.id !== entry.id);
  const finished = entry.duration > 0 && entry.position > entry.duration * 0.95;
  const next = finished ? rest : [entry, ...rest].slice(0, 30);
  localStorage.setItem(key, JSON.stringify(next));
}
