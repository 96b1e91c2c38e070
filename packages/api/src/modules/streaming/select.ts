/**
 * Route selection: channel affinity by rendezvous hashing with bounded loads. Every viewer of
 * a channel lands on the same node (so each node opens as few upstream connections as
 * possible) until that node is at capacity; then the next node in the channel's own order.
 * The store's private nodes come before global ones.
 */

export interface Candidate {
  id: string;
  private: boolean;
  /** Viewers now (reported plus routed since the last heartbeat). */
  load: number;
  capacity: number;
}

/** 32-bit FNV-1a: cheap, stable across processes, well spread for short keys. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The channel's preference order over the nodes: private first, then by rendezvous weight. */
export function preferenceOrder(candidates: readonly Candidate[], streamId: string): Candidate[] {
  return [...candidates].sort(
    (a, b) =>
      Number(b.private) - Number(a.private) || fnv1a(`${b.id}|${streamId}`) - fnv1a(`${a.id}|${streamId}`),
  );
}

export function selectNode(candidates: readonly Candidate[], streamId: string): Candidate | null {
  return preferenceOrder(candidates, streamId).find((c) => c.load < c.capacity) ?? null;
}
