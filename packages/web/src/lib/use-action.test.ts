import "../testing/solid-browser.ts";
import { expect, test } from "bun:test";

const { createRoot } = await import("solid-js");
const { createAction } = await import("./use-action.ts");

test("a run is busy while it works, then says it succeeded", async () => {
  const action = createRoot(() => createAction());
  let finish = () => {};
  const running = action.run(() => new Promise<void>((resolve) => (finish = resolve)));
  expect(action.busy()).toBe(true);
  expect(action.succeeded()).toBe(false);
  finish();
  expect(await running).toBe(true);
  expect(action.busy()).toBe(false);
  expect(action.succeeded()).toBe(true);
  action.dismiss();
  expect(action.succeeded()).toBe(false);
});

test("a failed run keeps its problem until the next run or a dismiss", async () => {
  const action = createRoot(() => createAction());
  const problem = new Error("version_conflict");
  expect(await action.run(() => Promise.reject(problem))).toBe(false);
  expect(action.error()).toBe(problem);
  expect(action.busy()).toBe(false);
  expect(action.succeeded()).toBe(false);
  const again = action.run(async () => undefined);
  expect(action.error()).toBeNull();
  await again;
  expect(await action.run(() => Promise.reject(problem))).toBe(false);
  action.dismiss();
  expect(action.error()).toBeNull();
});
