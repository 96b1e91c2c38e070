import "../testing/solid-browser.ts";
import { afterAll, expect, test } from "bun:test";
import { installPage } from "../testing/page-globals.ts";

const page = installPage("http://127.0.0.1:1");
afterAll(() => page.restore());
const { createRoot, createMemo } = await import("solid-js");
const { chooseProfile, currentProfile } = await import("./profile.ts");

test("the chosen profile is kept per store, and readers follow a new choice", () => {
  const seen = createRoot(() => createMemo(() => currentProfile("demo")?.name ?? null));
  expect(seen()).toBeNull();
  chooseProfile("demo", { id: "p1", name: "Anna", kids: false });
  expect(seen()).toBe("Anna");
  expect(currentProfile(null)).toBeNull();
  chooseProfile(null, { id: "p9", name: "Admin", kids: false });
  expect(currentProfile(null)?.id).toBe("p9");
  expect(JSON.parse(page.storage.getItem("nevewatch.profile.demo") ?? "null")).toEqual({
    id: "p1",
    name: "Anna",
    kids: false,
  });
});

test("a stored choice that is not JSON reads as none", () => {
  page.storage.setItem("nevewatch.profile.broken", "{oops");
  expect(currentProfile("broken")).toBeNull();
});
