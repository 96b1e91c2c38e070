import { expect, test } from "bun:test";
import { settle } from "./settle.ts";

test("settle hands a failure to onError and resolves with the fallback", async () => {
  const seen: unknown[] = [];
  const value = await settle(
    async () => Promise.reject(new Error("no_subscription")),
    (e) => seen.push(e),
    [] as number[],
  );
  expect(value).toEqual([]);
  expect((seen[0] as Error).message).toBe("no_subscription");
});

test("settle clears the error on success", async () => {
  const seen: unknown[] = [];
  expect(
    await settle(
      async () => 42,
      (e) => seen.push(e),
      0,
    ),
  ).toBe(42);
  expect(seen).toEqual([null]);
});
