/**
 * The live channel list a page at a time from the API: the first page shows at once, the next
 * loads when the viewer scrolls to the end or steps past it, and search and category go to the
 * API as query parameters. The channel beside one that is not loaded (opened from the guide or
 * search) comes from the API too (`from`, `order`), so channel up/down never needs the whole list.
 */
import type { NeveWatchClient, ResponseBody } from "@nevewatch/sdk";
import { createSignal } from "solid-js";
import type { ChannelEntry } from "./channel-list.tsx";

export interface ChannelFilter {
  /** Name prefix or channel number; "" for none. */
  q: string;
  categoryId: string | null;
}

export interface PageQuery {
  q?: string;
  categoryId?: string;
  cursor?: string;
  from?: string;
  order?: "asc" | "desc";
  limit: number;
}

export interface ChannelPage {
  items: ChannelEntry[];
  nextCursor: string | null;
}

export type PageLoader = (query: PageQuery) => Promise<ChannelPage>;

type CatalogItem = ResponseBody<"/v1/me/catalog/items", "get">["items"][number];

export function toEntry(item: Pick<CatalogItem, "id" | "name" | "number" | "logo">): ChannelEntry {
  return {
    id: item.id,
    name: item.name,
    number: item.number === null ? null : Number(item.number),
    logo: item.logo,
  };
}

/** Live channels of the viewer's plan, one API page per call. */
export function catalogPages(api: NeveWatchClient): PageLoader {
  return async (query) => {
    const page = await api.GET("/v1/me/catalog/items", { params: { query: { type: "live", ...query } } });
    return { items: page.items.map(toEntry), nextCursor: page.nextCursor };
  };
}

/** The channel `delta` away from `id` in a list held whole, wrapping at both ends. */
export function stepIn(list: readonly ChannelEntry[], id: string | null, delta: 1 | -1): ChannelEntry | null {
  if (list.length === 0) return null;
  const at = list.findIndex((c) => c.id === id);
  if (at < 0) return (delta > 0 ? list[0] : list[list.length - 1]) ?? null;
  return list[(at + delta + list.length) % list.length] ?? null;
}

export function createChannelPages(load: PageLoader, options: { pageSize?: number } = {}) {
  const size = options.pageSize ?? 100;
  const [entries, setEntries] = createSignal<ChannelEntry[]>([]);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  const [complete, setComplete] = createSignal(false);
  const [started, setStarted] = createSignal(false);
  let filter: ChannelFilter = { q: "", categoryId: null };
  let cursor: string | null = null;
  // A new filter starts a new list: answers for the one before are dropped.
  let generation = 0;
  let inFlight: Promise<void> | null = null;

  const filterQuery = (): Omit<PageQuery, "limit"> => {
    const q = filter.q.trim().slice(0, 100);
    return { ...(q ? { q } : {}), ...(filter.categoryId ? { categoryId: filter.categoryId } : {}) };
  };

  /** Loads the next page (the one in flight, if any); nothing once the list is complete. */
  const more = (): Promise<void> => {
    if (inFlight) return inFlight;
    if (started() && complete()) return Promise.resolve();
    const mine = generation;
    setStarted(true);
    setLoading(true);
    const work = (async () => {
      try {
        const page = await load({ ...filterQuery(), limit: size, ...(cursor ? { cursor } : {}) });
        if (mine !== generation) return;
        cursor = page.nextCursor;
        setEntries([...entries(), ...page.items]);
        setComplete(page.nextCursor === null);
        setError(null);
      } catch (e) {
        if (mine === generation) setError(e);
      } finally {
        if (mine === generation) {
          setLoading(false);
          inFlight = null;
        }
      }
    })();
    inFlight = work;
    return work;
  };

  /** Starts the list over for another search or category, with its first page. */
  const show = (next: ChannelFilter): Promise<void> => {
    generation++;
    filter = { ...next };
    cursor = null;
    inFlight = null;
    setEntries([]);
    setComplete(false);
    setStarted(false);
    setError(null);
    return more();
  };

  /** The last channel of the list: known when the list is complete, else asked of the API. */
  const last = async (): Promise<ChannelEntry | null> => {
    if (complete()) return entries()[entries().length - 1] ?? null;
    const page = await load({ ...filterQuery(), order: "desc", limit: 1 });
    return page.items[0] ?? null;
  };

  /**
   * The channel `delta` away from `id` in this list, wrapping at both ends: from the pages
   * loaded, the next page when stepping past them, or the API when `id` is not loaded.
   */
  const neighbour = async (id: string | null, delta: 1 | -1): Promise<ChannelEntry | null> => {
    if (!started()) await more();
    const at = id === null ? -1 : entries().findIndex((c) => c.id === id);
    if (at >= 0) {
      if (delta > 0) {
        if (at + 1 >= entries().length && !complete()) await more();
        return entries()[at + 1] ?? entries()[0] ?? null;
      }
      return at > 0 ? (entries()[at - 1] ?? null) : last();
    }
    if (id !== null) {
      try {
        const page = await load({ ...filterQuery(), from: id, order: delta > 0 ? "asc" : "desc", limit: 2 });
        const beside = page.items.find((c) => c.id !== id);
        if (beside) return beside;
      } catch {
        // The channel left the plan or the catalog: start from an end of the list instead.
      }
    }
    return delta > 0 ? (entries()[0] ?? null) : last();
  };

  /** One channel by id (for `?play=`), wherever it is in the list; null when not watchable. */
  const entry = async (id: string): Promise<ChannelEntry | null> => {
    const known = entries().find((c) => c.id === id);
    if (known) return known;
    const page = await load({ from: id, limit: 1 }).catch(() => null);
    return page?.items.find((c) => c.id === id) ?? null;
  };

  return {
    entries,
    loading,
    error,
    /** True once the last page is in. */
    complete,
    hasMore: () => !started() || !complete(),
    show,
    more,
    neighbour,
    entry,
  };
}

export type ChannelPages = ReturnType<typeof createChannelPages>;
