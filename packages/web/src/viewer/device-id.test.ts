import { afterEach, expect, test } from "bun:test";
import { installPage, refusingStorage } from "../testing/page-globals.ts";

// Each test its own copy of the module: the fallback id lives in module state, as in a page.
let copy = 0;
const fresh = async () => (await import(`./device-id.ts?copy=${++copy}`)) as typeof import("./device-id.ts");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let restore = () => {};
afterEach(() => restore());

test("the same id every time, kept in localStorage under nevewatch.device", async () => {
  const page = installPage("http://127.0.0.1:1");
  restore = page.restore;
  const { deviceId } = await fresh();
  const id = deviceId();
  expect(id).toMatch(UUID);
  expect(deviceId()).toBe(id);
  expect(page.storage.getItem("nevewatch.device")).toBe(id);
  // Another tab (another copy of the module) reads the same one.
  expect((await fresh()).deviceId()).toBe(id);
});

test("an id the route API would refuse (edited by hand) is replaced", async () => {
  const page = installPage("http://127.0.0.1:1");
  restore = page.restore;
  const { deviceId } = await fresh();
  for (const bad of ["short", "has spaces in it", "é".repeat(20), "x".repeat(129)]) {
    page.storage.setItem("nevewatch.device", bad);
    const id = deviceId();
    expect(id).toMatch(UUID);
    expect(page.storage.getItem("nevewatch.device")).toBe(id);
  }
  page.storage.setItem("nevewatch.device", "tv-livingroom_01.a");
  expect(deviceId()).toBe("tv-livingroom_01.a");
});

test("storage that refuses gives one id for the page's life", async () => {
  const page = installPage("http://127.0.0.1:1", { storage: refusingStorage });
  restore = page.restore;
  const { deviceId } = await fresh();
  const id = deviceId();
  expect(id).toMatch(UUID);
  expect(deviceId()).toBe(id);
  expect((await fresh()).deviceId()).not.toBe(id);
});

test("a page without crypto.randomUUID (plain http on a LAN address) still gets a v4 UUID", async () => {
  const page = installPage("http://192.0.2.10:3000");
  const randomUUID = crypto.randomUUID;
  Object.defineProperty(crypto, "randomUUID", { value: undefined, configurable: true });
  restore = () => {
    Object.defineProperty(crypto, "randomUUID", { value: randomUUID, configurable: true });
    page.restore();
  };
  const { deviceId } = await fresh();
  const ids = new Set(
    Array.from({ length: 20 }, () => {
      page.storage.clear();
      return deviceId();
    }),
  );
  expect(ids.size).toBe(20);
  for (const id of ids) expect(id).toMatch(UUID);
});
