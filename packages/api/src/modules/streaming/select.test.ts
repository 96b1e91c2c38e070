import { describe, expect, test } from "bun:test";
import { type Candidate, preferenceOrder, selectNode } from "./select.ts";

const nodes = (n: number, capacity = 100, load = 0): Candidate[] =>
  Array.from({ length: n }, (_, i) => ({ id: `node-${i}`, private: false, load, capacity }));

describe("route selection", () => {
  test("sends every viewer of one channel to the same node", () => {
    const pool = nodes(5);
    const first = selectNode(pool, "channel-7")?.id;
    for (let i = 0; i < 50; i++) expect(selectNode(pool, "channel-7")?.id).toBe(first);
  });

  test("spreads different channels over the nodes", () => {
    const pool = nodes(4);
    const used = new Set(Array.from({ length: 200 }, (_, i) => selectNode(pool, `ch-${i}`)?.id));
    expect(used.size).toBe(4);
  });

  test("spills to the channel's next node only when its node is at capacity", () => {
    const pool = nodes(3, 10);
    const order = preferenceOrder(pool, "ch-x").map((c) => c.id);
    const full = pool.map((c) => (c.id === order[0] ? { ...c, load: 10 } : c));
    expect(selectNode(full, "ch-x")?.id).toBe(order[1] as string);
  });

  test("keeps a channel's node when another node leaves the pool", () => {
    const pool = nodes(5);
    const chosen = selectNode(pool, "ch-stable")?.id;
    const without = pool.filter((c) => c.id !== chosen).slice(1);
    const reduced = [...without, ...pool.filter((c) => c.id === chosen)];
    expect(selectNode(reduced, "ch-stable")?.id).toBe(chosen as string);
  });

  test("prefers the store's private nodes over global ones", () => {
    const pool = [...nodes(3), { id: "mine", private: true, load: 0, capacity: 5 }];
    expect(selectNode(pool, "anything")?.id).toBe("mine");
  });

  test("returns null when every node is full", () => {
    expect(selectNode(nodes(2, 1, 1), "ch")).toBeNull();
  });
});
