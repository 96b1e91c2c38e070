import "../testing/solid-browser.ts";
import { afterAll, expect, test } from "bun:test";
import { problem, startApi } from "../testing/api-stand-in.ts";
import { installPage } from "../testing/page-globals.ts";

/** An access token the SDK will not think expired (it reads `exp`, never verifies). */
const token = (n: number) =>
  `${btoa(JSON.stringify({ alg: "none" }))}.${btoa(JSON.stringify({ sub: "u1", n, exp: 4_000_000_000 }))}.x`;
let issued = 0;
let refreshGate: Promise<void> | null = null;
let refreshesInFlight = 0;
let mostAtOnce = 0;
const api = startApi({
  async "POST /api/v1/auth/refresh"(hit) {
    refreshesInFlight++;
    mostAtOnce = Math.max(mostAtOnce, refreshesInFlight);
    await refreshGate;
    refreshesInFlight--;
    // The proxy keeps the refresh token in its cookie: no token in the body, none in the answer;
    // a token in the body is one an earlier version kept, which the proxy moves into the cookie.
    const body = (hit.body ?? {}) as { refreshToken?: string };
    if (body.refreshToken !== undefined && body.refreshToken !== "r-old")
      return problem(401, "token_invalid");
    return { accessToken: token(++issued), refreshToken: null, expiresIn: 900 };
  },
  "GET /api/v1/auth/me": (hit) => ({ id: "u1", authorization: hit.headers.get("authorization") }),
});
const page = installPage(api.url);
afterAll(() => {
  page.restore();
  api.stop();
});

// Each "tab" is its own copy of the module, sharing the page's storage and locks.
let tabs = 0;
const openTab = async () =>
  (await import(`./client-api.ts?tab=${++tabs}`)) as typeof import("./client-api.ts");

test("an anonymous visit asks for no refresh; signing in sets the marker, signing out clears it", async () => {
  const tab = await openTab();
  const before = api.hitsOf("POST /api/v1/auth/refresh").length;
  expect(await tab.resumeSession("demo")).toBe(false);
  expect(api.hitsOf("POST /api/v1/auth/refresh").length).toBe(before);

  const client = tab.clientApi("demo");
  expect(tab.clientApi("demo")).toBe(client);
  await client.remember({ accessToken: token(0), refreshToken: "must-not-be-kept" });
  expect(page.storage.getItem("nevewatch.signedIn.demo")).toBe("1");
  expect(await client.tokens.get()).toEqual({ accessToken: token(0), refreshToken: null });
  // Requests go to the same-origin proxy, naming the store.
  await client.GET("/v1/auth/me");
  const me = api.hitsOf("GET /api/v1/auth/me").at(-1);
  expect(me?.headers.get("x-store")).toBe("demo");
  expect(me?.headers.get("authorization")).toBe(`Bearer ${token(0)}`);
  await client.forget();
  expect(page.storage.getItem("nevewatch.signedIn.demo")).toBeNull();
  // The platform's own session has its own marker, and "-" tells the proxy to name no store.
  const platform = tab.clientApi(null);
  await platform.remember({ accessToken: token(0) });
  expect(page.storage.getItem("nevewatch.signedIn.platform")).toBe("1");
  await platform.GET("/v1/auth/me");
  expect(api.hitsOf("GET /api/v1/auth/me").at(-1)?.headers.get("x-store")).toBe("-");
  await platform.forget();
});

test("a page load with the marker set refreshes through the cookie, without a token in the body", async () => {
  page.storage.setItem("nevewatch.signedIn.demo", "1");
  const tab = await openTab();
  expect(await tab.resumeSession("demo")).toBe(true);
  const refresh = page.sent.filter((r) => r.url.pathname === "/api/v1/auth/refresh").at(-1);
  expect(refresh?.keepalive).toBe(true);
  expect(api.hitsOf("POST /api/v1/auth/refresh").at(-1)?.body).toEqual({});
  expect((await tab.clientApi("demo").tokens.get())?.accessToken).toBe(token(issued));
  // Already holding a token: no second refresh.
  const count = api.hitsOf("POST /api/v1/auth/refresh").length;
  expect(await tab.resumeSession("demo")).toBe(true);
  expect(api.hitsOf("POST /api/v1/auth/refresh").length).toBe(count);
  await tab.clientApi("demo").forget();
});

test("tabs refresh one at a time, under one lock per store", async () => {
  page.storage.setItem("nevewatch.signedIn.demo", "1");
  const [a, b] = [await openTab(), await openTab()];
  let open = () => {};
  refreshGate = new Promise((resolve) => {
    open = resolve;
  });
  mostAtOnce = 0;
  const taken = page.locks.taken.length;
  const both = Promise.all([a.resumeSession("demo"), b.resumeSession("demo")]);
  await Bun.sleep(50);
  expect(refreshesInFlight).toBe(1);
  open();
  expect(await both).toEqual([true, true]);
  refreshGate = null;
  expect(mostAtOnce).toBe(1);
  expect(page.locks.taken.slice(taken)).toEqual(["nevewatch.refresh.demo", "nevewatch.refresh.demo"]);
  // Other requests never wait for the lock.
  await a.clientApi("demo").GET("/v1/auth/me");
  expect(page.locks.taken.length).toBe(taken + 2);
  await a.clientApi("demo").forget();
  await b.clientApi("demo").forget();
});

test("a token pair an earlier version left in localStorage moves into the cookie once, and leaves storage", async () => {
  page.storage.setItem(
    "nevewatch.tokens.demo",
    JSON.stringify({ accessToken: "old", refreshToken: "r-old" }),
  );
  page.storage.setItem("nevewatch.tokens.other", JSON.stringify({ accessToken: "old", refreshToken: "r-2" }));
  page.storage.setItem("nevewatch.tokens.broken", "{not json");
  const tab = await openTab();
  const before = api.hitsOf("POST /api/v1/auth/refresh").length;
  // The handed-over token goes in the body once (the proxy moves it into the cookie).
  expect(await tab.resumeSession("demo")).toBe(true);
  expect(
    api
      .hitsOf("POST /api/v1/auth/refresh")
      .slice(before)
      .map((h) => h.body),
  ).toEqual([{ refreshToken: "r-old" }]);
  expect(await tab.clientApi("demo").tokens.get()).toEqual({
    accessToken: token(issued),
    refreshToken: null,
  });
  expect(page.storage.getItem("nevewatch.signedIn.demo")).toBe("1");
  expect(Object.keys(page.storage).filter((k) => k.startsWith("nevewatch.tokens."))).toEqual([]);
});
